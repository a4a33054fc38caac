/** The read-only catalog: instance types with current capacity, regions and images. */
import type { HandlerTable } from "./types.js";

/** Handlers of the catalog operations. */
export const catalogHandlers: HandlerTable<"listInstanceTypes" | "listRegions" | "listImages"> = {
  listInstanceTypes: ({ store }) => ({
    payload: Object.fromEntries(
      store.catalog.instanceTypes.map((instanceType) => [
        instanceType.name,
        {
          instance_type: structuredClone(instanceType),
          regions_with_capacity_available: store.catalog.regions
            .filter((region) => store.availableCapacity(instanceType.name, region.name) > 0)
            .map((region) => ({ ...region })),
        },
      ]),
    ),
  }),
  listRegions: ({ store }) => ({ payload: store.catalog.regions.map((region) => ({ ...region })) }),
  listImages: ({ store }) => ({ payload: structuredClone(store.catalog.images) }),
};
