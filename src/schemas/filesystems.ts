/** Schemas of persistent filesystems. */
import * as v from "valibot";
import { boundedString, RegionSchema, UserSchema } from "./common.js";

/** A persistent NFS filesystem. `bytes_used` is approximate and may be absent. */
export const FilesystemSchema = v.looseObject({
  id: v.string(),
  name: v.string(),
  mount_point: v.string(),
  created: v.string(),
  created_by: UserSchema,
  is_in_use: v.boolean(),
  region: RegionSchema,
  bytes_used: v.optional(v.number()),
});
/** A persistent filesystem. */
export type Filesystem = v.InferOutput<typeof FilesystemSchema>;

/** Body of `POST /filesystems`: a name (1-60 chars, a letter first, then letters, digits and '-') and a region. */
export const CreateFilesystemRequestSchema = v.strictObject({
  name: v.pipe(
    boundedString(60),
    v.regex(/^[a-zA-Z]+[0-9a-zA-Z-]*$/, "must start with a letter and contain only letters, digits and '-'"),
  ),
  region: boundedString(64),
});
/** What `filesystems.create()` accepts. */
export type CreateFilesystemRequest = v.InferInput<typeof CreateFilesystemRequestSchema>;

/** Payload of a filesystem delete. */
export const FilesystemDeleteResponseSchema = v.looseObject({ deleted_ids: v.array(v.string()) });
/** Result of `filesystems.delete()`. */
export type FilesystemDeleteResponse = v.InferOutput<typeof FilesystemDeleteResponseSchema>;
