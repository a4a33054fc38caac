/** `client.instanceTypes`, `client.regions` and `client.images`: what can be launched, and where. */
import * as operations from "../operation-schemas.js";
import type { Region } from "../schemas/common.js";
import type { Image } from "../schemas/images.js";
import type { InstanceTypes as InstanceTypesRecord } from "../schemas/instance-types.js";
import type { RequestOptions } from "../transport/transport.js";
import { type Availability, type AvailabilityFilter, availableFrom, checkAvailabilityFilter } from "./availability.js";
import { Resource } from "./resource.js";

/**
 * The instance-type catalog, with prices and capacity: `client.instanceTypes` of a `LambdaCloudClient`, or a client of this group alone, which takes
 * the same options and bundles only this group's operations.
 * @example
 * ```ts
 * const available = await new InstanceTypesClient().availability({ gpu: "H100" });
 * ```
 */
export class InstanceTypesClient extends Resource {
  /**
   * Lists instance types with prices and the regions that have capacity right now, as a record
   * keyed by type name, exactly as the API returns it. Poll this, not launch, to find capacity.
   * @example
   * ```ts
   * const types = await client.instanceTypes.list();
   * const available = Object.values(types).filter((t) => t.regions_with_capacity_available.length > 0);
   * ```
   */
  list(options?: RequestOptions): Promise<InstanceTypesRecord> {
    return this.transport.call(operations.listInstanceTypes, {}, options);
  }

  /**
   * The (type, region) pairs with capacity right now, flat and cheapest first (then by type and
   * region name), each with its price in US cents per hour, GPUs, vCPUs, memory and
   * storage. One `GET /instance-types`; a bad filter throws before anything is sent.
   * @param filter which pairs to keep (default: every pair with capacity).
   * @throws RequestValidationError when the filter is invalid (the error names each bad field).
   * @example
   * ```ts
   * const [cheapest] = await client.instanceTypes.availability({ gpu: "H100", maxPriceCentsPerHour: 300 });
   * if (cheapest) console.log(`${cheapest.type} in ${cheapest.region} at ${cheapest.priceCentsPerHour} cents/h`);
   * ```
   */
  async availability(filter?: AvailabilityFilter, options?: RequestOptions): Promise<Availability[]> {
    checkAvailabilityFilter(filter);
    return availableFrom(await this.list(options), filter);
  }
}

/**
 * Regions the account can use: `client.regions` of a `LambdaCloudClient`, or a client of this group alone, which takes
 * the same options and bundles only this group's operations.
 * @example
 * ```ts
 * const regions = await new RegionsClient().list();
 * ```
 */
export class RegionsClient extends Resource {
  /** Lists the regions the account can use. */
  list(options?: RequestOptions): Promise<Region[]> {
    return this.transport.call(operations.listRegions, {}, options);
  }
}

/**
 * Machine images: `client.images` of a `LambdaCloudClient`, or a client of this group alone, which takes
 * the same options and bundles only this group's operations.
 * @example
 * ```ts
 * const images = await new ImagesClient().list();
 * ```
 */
export class ImagesClient extends Resource {
  /** Lists machine images; the API returns one entry per image and region. */
  list(options?: RequestOptions): Promise<Image[]> {
    return this.transport.call(operations.listImages, {}, options);
  }
}
