/**
 * Bounds on what the proxy reads of an upstream answer. Runtimes decode `gzip`, `deflate` and
 * `br` bodies before the proxy sees them, so `Content-Length` (the encoded length) says nothing
 * about the size: a 300 kB answer can decode to 300 MB. These helpers count decoded bytes (a whole
 * answer is read through `readWithin` of `read-within.ts`).
 */
import { ProxyRejection } from "./errors.js";

/** The most decoded bytes the proxy reads of one upstream answer; the API's answers are far smaller. */
export const MAX_UPSTREAM_BODY_BYTES = 8 * 1024 * 1024;

/**
 * A pass-through that errors once more than `limit` decoded bytes went through; piping into it
 * then cancels the upstream body, and the client's answer is cut off (its status was sent).
 */
export function limitedStream(limit: number): TransformStream<Uint8Array, Uint8Array> {
  let total = 0;
  return new TransformStream({
    transform(chunk, controller) {
      total += chunk.byteLength;
      if (total > limit) controller.error(new RangeError(`the upstream answer exceeded ${limit} decoded bytes`));
      else controller.enqueue(chunk);
    },
  });
}

/** The rejection for an answer over the limit. */
export function upstreamTooLarge(limit: number): ProxyRejection {
  return new ProxyRejection(
    502,
    "proxy/upstream-too-large",
    `The Lambda Cloud API's answer was larger than this proxy reads (${limit} bytes once decoded).`,
    "Try again; if it persists, the proxy's operator should check what its upstream setting points at.",
    { detail: "upstream body over the limit once decoded" },
  );
}

/** Whether a `Content-Type` names JSON: `application/json` or a `+json` type, parameters allowed. */
export function isJsonType(contentType: string | null): boolean {
  const [type = ""] = (contentType ?? "").split(";", 1);
  const essence = type.trim().toLowerCase();
  return essence === "application/json" || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(essence);
}

/**
 * The rejection for an upstream answer that is not JSON (an HTML error page, say), which the
 * proxy never serves on its origin.
 * @param what what the answer was instead, for the log, e.g. `"content-type text/html"`.
 */
export function upstreamNotJson(status: number, what: string): ProxyRejection {
  return new ProxyRejection(
    502,
    "proxy/upstream-invalid",
    "The Lambda Cloud API answered with something other than JSON, which this proxy does not pass on.",
    "Try again shortly; if it persists, the proxy's operator should check what its upstream setting points at.",
    { detail: `upstream answered ${status} with ${what}` },
  );
}
