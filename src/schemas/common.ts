/**
 * Building blocks shared by the resource schemas: open enums, identifiers, regions,
 * users and tags.
 *
 * Response schemas are loose (unknown fields are kept, unknown enum values pass as
 * strings) because the API grows. Request schemas are strict and carry the API's
 * documented limits, so a bad argument fails before anything is sent.
 */
import * as v from "valibot";
import { HEX_ID } from "../id-formats.js";

export { HEX_ID, type IdFormat, OPAQUE_ID } from "../id-formats.js";

/** A string enum that still accepts values added by later API versions, while known values autocomplete. */
export type OpenEnum<Known extends string> = Known | (string & {});

/**
 * A response schema for an enum that may grow: known values are listed for types and
 * documentation, and any other string passes through unchanged.
 */
export function openEnum<const Known extends readonly [string, ...string[]]>(
  known: Known,
): v.GenericSchema<OpenEnum<Known[number]>> {
  return v.union([v.picklist(known), v.string()]) as v.GenericSchema<OpenEnum<Known[number]>>;
}

/** A request-side id: a 32-character hex string. */
export const HexIdSchema = v.pipe(
  v.string("must be a string id"),
  v.regex(HEX_ID.pattern, `must be ${HEX_ID.description}`),
);

/** A region: `{ name: "us-west-1", description: "California, USA" }`. Names are not an enum: new regions appear. */
export const RegionSchema = v.looseObject({
  name: v.string(),
  description: v.string(),
});
/** A Lambda Cloud region. */
export type Region = v.InferOutput<typeof RegionSchema>;

/** A user of the account (the creator of a filesystem). */
export const UserSchema = v.looseObject({
  id: v.string(),
  email: v.string(),
  status: openEnum(["active", "deactivated"]),
});
/** A user of the account. */
export type User = v.InferOutput<typeof UserSchema>;

/** A tag as the API returns it. */
export const TagEntrySchema = v.looseObject({
  key: v.string(),
  value: v.string(),
});
/** A tag on an instance. */
export type TagEntry = v.InferOutput<typeof TagEntrySchema>;

const RESERVED_TAG_PREFIX = "lambda-ai-";

/** A tag to set: key ≤ 55 chars matching `^[a-z][a-z0-9-:]+$`, not starting with the reserved `lambda-ai-`; value ≤ 128 chars. */
export const RequestedTagEntrySchema = v.strictObject({
  key: v.pipe(
    v.string("must be a string"),
    v.maxLength(55, "must be at most 55 characters"),
    v.regex(
      /^[a-z][a-z0-9-:]+$/,
      "must start with a lowercase letter and have at least 2 characters of a-z, 0-9, '-' or ':'",
    ),
    v.check(
      (key) => !key.startsWith(RESERVED_TAG_PREFIX),
      `must not start with "${RESERVED_TAG_PREFIX}" (reserved by Lambda)`,
    ),
  ),
  value: v.pipe(v.string("must be a string"), v.maxLength(128, "must be at most 128 characters")),
});
/** A tag to set on an instance. */
export type RequestedTagEntry = v.InferInput<typeof RequestedTagEntrySchema>;

/** A reference to a firewall ruleset by id. */
export const FirewallRulesetEntrySchema = v.looseObject({ id: v.string() });
/** A reference to a firewall ruleset. */
export type FirewallRulesetEntry = v.InferOutput<typeof FirewallRulesetEntrySchema>;

/** The empty payload `{}` of deletes and of the ticket update. */
export const EmptyResponseSchema = v.looseObject({});
/** The empty payload `{}`. */
export type EmptyResponse = v.InferOutput<typeof EmptyResponseSchema>;

/** A non-empty string argument with a maximum length. */
export function boundedString(
  max: number,
  min = 1,
): v.SchemaWithPipe<
  readonly [
    v.StringSchema<"must be a string">,
    v.MinLengthAction<string, number, "must not be empty" | `must be at least ${number} characters`>,
    v.MaxLengthAction<string, number, `must be at most ${number} characters`>,
  ]
> {
  return v.pipe(
    v.string("must be a string"),
    v.minLength(min, min === 1 ? "must not be empty" : `must be at least ${min} characters`),
    v.maxLength(max, `must be at most ${max} characters`),
  );
}
