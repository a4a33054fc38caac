/**
 * The scenarios of the hostile upstream (test/helpers/hostile-upstream.ts), without the server:
 * which channel holds the key, how base URLs name a scenario, and the forms of the key. No
 * `node:` import, so code in any runtime (workerd included) can aim at a hostile upstream.
 */

/** Where the answer puts the key. */
export const CHANNELS = [
  /** The status line: `HTTP/1.1 500 Bad credentials Bearer <key>`; the body is empty. */
  "reason-phrase",
  /** Header values (`x-echo`, `www-authenticate`, `set-cookie`, `x-request-id`); the body is a clean error envelope. */
  "header-value",
  /** A header whose name holds the key: `x-echo-<key>: 1`; the body is a clean error envelope. */
  "header-name",
  /** A `text/plain` body quoting the request's `Authorization` header (raw and Basic forms). */
  "text-body",
  /** A `text/html` body with the key in text, an attribute and a meta refresh. */
  "html-body",
  /** An `application/json` body that does not parse and holds the key: `{"data": "<key>`. */
  "malformed-json",
  /** `{"data": "<key>"}`: the key where the payload should be. */
  "json-value",
  /** `{"data": {"<key>": "<key>"}}`: the key as an object key. */
  "json-key",
  /** The key deep in arrays and objects, as values and keys, in JSON-escaped and URL-encoded forms too. */
  "json-nested",
  /** A valid instance (so the call succeeds) whose status, name, hostname and Jupyter token are the key: for `waitFor`. */
  "json-instance",
  /** The API's error envelope with the key in code, message, suggestion, request_id and field_errors. */
  "error-envelope",
  /** Not HTTP: a status line followed by a header line without a colon that holds the key, then the connection closes (status and encoding are ignored). */
  "broken-http",
  /** A redirect (status 307 unless given) to another origin whose `Location` holds the key in path, query and fragment; see {@link HostileUpstream.landed}. */
  "redirect",
] as const;

/** One place an upstream can put the key. */
export type Channel = (typeof CHANNELS)[number];

/** How the body is encoded on the wire (`content-encoding`). */
export const ENCODINGS = ["identity", "gzip", "deflate", "br"] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** What the upstream answers: the channel holding the key, the status and the body's encoding. */
export interface Scenario {
  readonly channel: Channel;
  /** @default 500 (307 for "redirect") */
  readonly status?: number | undefined;
  /** @default "identity" */
  readonly encoding?: Encoding | undefined;
}

/** The path prefix under which a base URL names its scenario. */
export const PREFIX = "/hostile";

/**
 * The base URL for `scenario` on the upstream at `origin`: what {@link HostileUpstream.baseUrl}
 * returns, for a process that did not start the server (a Deno or Bun child given the origin).
 */
export function hostileBaseUrl(origin: string, { channel, status, encoding = "identity" }: Scenario): string {
  return `${origin}${PREFIX}/${channel}/${status ?? defaultStatus(channel)}/${encoding}/api/v1`;
}

/** Every form of `key` the answers use: raw, Basic (`base64("<key>:")`), JSON-escaped, URL-encoded. */
export function keyFormsOf(key: string): string[] {
  return [...new Set([key, btoa(`${key}:`), JSON.stringify(key).slice(1, -1), encodeURIComponent(key)])];
}

/** The status a channel answers with when the scenario gives none. */
export function defaultStatus(channel: Channel): number {
  return channel === "redirect" ? 307 : 500;
}
