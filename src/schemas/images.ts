/** Schema of machine images. */
import * as v from "valibot";
import { RegionSchema } from "./common.js";
import { ArchitectureSchema } from "./instance-types.js";

/** A machine image; the API lists one entry per region. Pin `family` for reproducible launches. */
export const ImageSchema = v.looseObject({
  id: v.string(),
  created_time: v.string(),
  updated_time: v.string(),
  name: v.string(),
  description: v.string(),
  family: v.string(),
  version: v.string(),
  architecture: ArchitectureSchema,
  region: RegionSchema,
});
/** A machine image. */
export type Image = v.InferOutput<typeof ImageSchema>;
