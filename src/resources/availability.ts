/**
 * Turning the instance-type catalog into a flat, filtered, price-sorted list of (type, region)
 * pairs that have capacity now. Pure functions, so a helper that waits for capacity can reuse them.
 */
import * as v from "valibot";
import { RequestValidationError } from "../errors.js";
import type { InstanceType, InstanceTypes as InstanceTypesRecord } from "../schemas/instance-types.js";
import { validate } from "../validation.js";

/** One instance type that has capacity in one region right now. */
export interface Availability {
  /** The instance type's name, e.g. `"gpu_1x_h100_pcie"`. */
  readonly type: string;
  /** The region's name, e.g. `"us-west-1"`. */
  readonly region: string;
  /** The region's description, e.g. `"California, USA"`. */
  readonly regionDescription: string;
  /** The price in US cents per hour, as the API gives it. */
  readonly priceCentsPerHour: number;
  /** How many GPUs the type has; `undefined` when the API's entry does not say. */
  readonly gpus: number | undefined;
  /** The GPU, e.g. `"H100 (80 GB PCIe)"`; the type's description when the API gives no GPU description. */
  readonly gpuDescription: string;
  /** Virtual CPUs. */
  readonly vcpus: number;
  /** Memory in GiB. */
  readonly memoryGib: number;
  /** Local storage in GiB. */
  readonly storageGib: number;
  /** The type's full entry, exactly as the API returned it. */
  readonly instanceType: InstanceType;
}

/** Which (type, region) pairs {@link availableFrom} keeps. Every field is optional; all given ones must match. */
export interface AvailabilityFilter {
  /**
   * The GPU: a substring (case-insensitive) or a RegExp, tested against the GPU description
   * (`"H100 (80 GB PCIe)"`) and the type name (`"gpu_1x_h100_pcie"`); either matching is enough.
   * @default any GPU, or none
   */
  readonly gpu?: string | RegExp;
  /**
   * The least number of GPUs (an integer, 0 or more). Types whose entry gives no GPU count are left out when this is above 0.
   * @default 0
   */
  readonly minGpus?: number;
  /**
   * The highest price, in US cents per hour (0 or more, `Infinity` allowed), inclusive.
   * @default no limit
   */
  readonly maxPriceCentsPerHour?: number;
  /**
   * Region names to keep, e.g. `["us-west-1", "us-east-1"]`.
   * @default every region
   */
  readonly regions?: readonly string[];
  /**
   * Instance type names to keep, e.g. `["gpu_1x_a10"]`.
   * @default every type
   */
  readonly types?: readonly string[];
}

/** The filter's shape; unknown fields are refused, so that a misspelt one does not widen the search. */
export const AvailabilityFilterSchema = v.optional(
  v.strictObject({
    gpu: v.optional(v.union([v.string(), v.instance(RegExp)], "must be a string or a RegExp")),
    minGpus: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    maxPriceCentsPerHour: v.optional(v.pipe(v.number(), v.minValue(0))),
    regions: v.optional(v.array(v.string())),
    types: v.optional(v.array(v.string())),
  }),
);

/** Where a bad filter's {@link RequestValidationError} says it came from. */
export const AVAILABILITY_OPERATION = "instanceTypes.availability";

/**
 * Checks a filter, throwing a {@link RequestValidationError} that names every bad field.
 * @throws RequestValidationError when a field has the wrong type or range, or is unknown.
 */
export function checkAvailabilityFilter(filter: unknown): AvailabilityFilter {
  const checked = validate(AvailabilityFilterSchema, filter, "filter");
  if (!checked.ok) throw new RequestValidationError(AVAILABILITY_OPERATION, checked.problems);
  return checked.value ?? {};
}

function gpuMatcher(gpu: string | RegExp | undefined): (text: string) => boolean {
  if (gpu === undefined) return () => true;
  if (typeof gpu === "string") {
    const wanted = gpu.toLowerCase();
    return (text) => text.toLowerCase().includes(wanted);
  }
  // Without the g and y flags, test() keeps no state between calls.
  const pattern = new RegExp(gpu.source, gpu.flags.replace(/[gy]/g, ""));
  return (text) => pattern.test(text);
}

function byPriceThenName(a: Availability, b: Availability): number {
  return a.priceCentsPerHour - b.priceCentsPerHour || compare(a.type, b.type) || compare(a.region, b.region);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The (type, region) pairs of a catalog that have capacity and match the filter, cheapest first
 * (then by type name, then region name). The filter is checked first.
 * @throws RequestValidationError when the filter is invalid.
 */
export function availableFrom(catalog: InstanceTypesRecord, filter?: AvailabilityFilter): Availability[] {
  const { gpu, minGpus = 0, maxPriceCentsPerHour = Infinity, regions, types } = checkAvailabilityFilter(filter);
  const matchesGpu = gpuMatcher(gpu);
  const entries: Availability[] = [];
  for (const { instance_type: instanceType, regions_with_capacity_available: withCapacity } of Object.values(catalog)) {
    const { name, specs, price_cents_per_hour: price } = instanceType;
    const gpuDescription = instanceType.gpu_description ?? instanceType.description;
    if (types && !types.includes(name)) continue;
    if (price > maxPriceCentsPerHour) continue;
    if (minGpus > 0 && !((specs.gpus ?? 0) >= minGpus)) continue;
    if (!matchesGpu(gpuDescription) && !matchesGpu(name)) continue;
    for (const region of withCapacity) {
      if (regions && !regions.includes(region.name)) continue;
      entries.push({
        type: name,
        region: region.name,
        regionDescription: region.description,
        priceCentsPerHour: price,
        gpus: specs.gpus,
        gpuDescription,
        vcpus: specs.vcpus,
        memoryGib: specs.memory_gib,
        storageGib: specs.storage_gib,
        instanceType,
      });
    }
  }
  return entries.sort(byPriceThenName);
}
