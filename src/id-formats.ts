/**
 * The formats of the API's ids, free of any schema library so that the route data (and the
 * proxy built on it) stays small. `schemas/common.ts` re-exports them.
 */

/** The shape an id must have, with words for error messages. */
export interface IdFormat {
  /** The pattern a valid id matches, anchored at both ends. */
  readonly pattern: RegExp;
  /** What a valid id looks like, for messages: "must be <description>". */
  readonly description: string;
}

/** Instances, SSH keys, filesystems, rulesets and tickets have 32-character lowercase hex ids. */
export const HEX_ID: IdFormat = {
  pattern: /^[0-9a-f]{32}$/,
  description: "a 32-character lowercase hex id, as the API returns it",
};
/** Attachment ids are opaque; any short run of letters, digits, `-` and `_` is accepted. */
export const OPAQUE_ID: IdFormat = {
  pattern: /^[0-9A-Za-z_-]{1,128}$/,
  description: "an id of 1-128 letters, digits, '-' and '_'",
};
