/** Schemas of the instance-type catalog (`GET /instance-types`). */
import * as v from "valibot";
import { openEnum, RegionSchema } from "./common.js";

/** CPU architecture of an instance type or image. */
export const ArchitectureSchema = openEnum(["x86_64", "arm64"]);

/** Hardware of an instance type. `gpus` arrived in a later API version, so it may be absent. */
export const InstanceTypeSpecsSchema = v.looseObject({
  vcpus: v.number(),
  memory_gib: v.number(),
  storage_gib: v.number(),
  gpus: v.optional(v.number()),
});

/** An instance type such as `gpu_1x_a10`, with its price in US cents per hour. */
export const InstanceTypeSchema = v.looseObject({
  name: v.string(),
  description: v.string(),
  gpu_description: v.optional(v.string()),
  price_cents_per_hour: v.number(),
  specs: InstanceTypeSpecsSchema,
  architecture: v.optional(ArchitectureSchema),
});
/** An instance type. */
export type InstanceType = v.InferOutput<typeof InstanceTypeSchema>;

/** One entry of the catalog: the type and the regions that have capacity for it right now. */
export const InstanceTypesItemSchema = v.looseObject({
  instance_type: InstanceTypeSchema,
  regions_with_capacity_available: v.array(RegionSchema),
});
/** One entry of the instance-type catalog. */
export type InstanceTypesItem = v.InferOutput<typeof InstanceTypesItemSchema>;

/** The catalog: a record keyed by instance type name (an object, not an array). */
export const InstanceTypesSchema = v.record(v.string(), InstanceTypesItemSchema);
/** The instance-type catalog, keyed by type name. */
export type InstanceTypes = v.InferOutput<typeof InstanceTypesSchema>;
