/**
 * Sending an allowed operation to the upstream and passing its answer back: status and JSON
 * body through, headers by allowlist, the key scrubbed from both, the decoded size bounded.
 */
import { buildPath } from "../routing.js";
import { redactText } from "../transport/redact.js";
import { ProxyRejection } from "./errors.js";
import { passedResponseHeaders, upstreamRequestHeaders } from "./headers.js";
import { isJsonBytes } from "./json-syntax.js";
import type { ProxyKey } from "./key.js";
import { readWithin } from "./read-within.js";
import type { ResolvedRoute } from "./route.js";
import { createScrubStream } from "./scrub-stream.js";
import {
  isJsonType,
  limitedStream,
  MAX_UPSTREAM_BODY_BYTES,
  upstreamNotJson,
  upstreamTooLarge,
} from "./upstream-body.js";

/** Statuses whose responses have no body. */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * Answers that declare a length up to this are scrubbed in one pass instead of streamed: the
 * API's JSON answers are small, and in workerd a JavaScript stream transform costs more than
 * the round trip. Encoded answers (gzip, deflate, br) are read whole too, since their declared
 * length is not their size; both are refused past {@link MAX_UPSTREAM_BODY_BYTES} decoded. Longer
 * plain answers, and those of unknown length, stream through the scrubber, cut off at that limit.
 */
export const BUFFERED_BODY_LIMIT = 1024 * 1024;

/** What one forwarded request needs. */
export interface Forwarding {
  readonly upstream: string;
  readonly fetch: typeof globalThis.fetch;
  readonly route: ResolvedRoute;
  readonly request: Request;
  readonly body: Uint8Array<ArrayBuffer> | undefined;
  readonly key: ProxyKey;
  /** Every form of the key, removed from the answer. */
  readonly secrets: readonly string[];
}

/**
 * Forwards the request with `redirect: "manual"` and builds the client's response.
 * @throws {ProxyRejection} 502 `proxy/upstream-unreachable` when the upstream cannot be reached or redirects,
 * `proxy/upstream-invalid` when its answer is not JSON, `proxy/upstream-too-large` when it is too large.
 */
export async function forward({ upstream, fetch, route, request, body, key, secrets }: Forwarding): Promise<Response> {
  const answer = await sendUpstream({
    upstream,
    fetch,
    method: route.operation.method,
    path: upstreamPathOf(route),
    headers: upstreamRequestHeaders(key.key, body !== undefined, request.headers),
    body,
    signal: request.signal,
  });
  if (answer.status === 401) key.provider.invalidate?.();
  return passBack(answer, secrets);
}

/** One request to the upstream, as the proxy and its gateway send it. */
export interface UpstreamCall {
  readonly upstream: string;
  readonly fetch: typeof globalThis.fetch;
  readonly method: string;
  /** The path under the upstream's base URL, with its query, e.g. `"/instances?cluster_id=…"`. */
  readonly path: string;
  /** The request headers, from {@link upstreamRequestHeaders}. */
  readonly headers: Headers;
  readonly body: Uint8Array<ArrayBuffer> | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** The upstream path of a resolved route: its filled template and its query. */
export function upstreamPathOf({ operation, params, search }: ResolvedRoute): string {
  return `${buildPath(operation, params)}${search ? `?${search}` : ""}`;
}

/**
 * Sends one request upstream with `redirect: "manual"`; the answer is the upstream's, unfiltered.
 * @throws {ProxyRejection} 502 `proxy/upstream-unreachable` when the upstream cannot be reached or redirects.
 */
export async function sendUpstream({
  upstream,
  fetch,
  method,
  path,
  headers,
  body,
  signal,
}: UpstreamCall): Promise<Response> {
  let answer: Response;
  try {
    answer = await fetch(`${upstream}${path}`, {
      method,
      headers,
      body: body ?? null,
      redirect: "manual",
      signal: signal ?? null,
    });
  } catch (error) {
    throw unreachable(`upstream fetch failed (${(error as Error)?.name ?? typeof error})`);
  }
  if ((answer.status >= 300 && answer.status < 400) || answer.type === "opaqueredirect") {
    await answer.body?.cancel();
    throw unreachable(`upstream answered a redirect (${answer.status})`);
  }
  return answer;
}

/**
 * The client's response to an upstream (or gateway) answer: status through, headers by
 * allowlist (plus `extraHeaders`), every secret scrubbed from headers and body.
 */
export async function passBack(
  answer: Response,
  secrets: readonly string[],
  extraHeaders: readonly string[] = [],
): Promise<Response> {
  const headers = passedResponseHeaders(answer.headers, secrets, extraHeaders);
  const body = await checkedBody(answer);
  if (body === null) return new Response(null, { status: answer.status, headers });
  const declaredLength = Number(answer.headers.get("content-length") ?? Number.NaN);
  const readWhole = declaredLength <= BUFFERED_BODY_LIMIT || answer.headers.has("content-encoding");
  const scrubbed = readWhole
    ? await scrubBuffered(body, answer.status, secrets, declaredLength)
    : body.pipeThrough(limitedStream(MAX_UPSTREAM_BODY_BYTES)).pipeThrough(createScrubStream(secrets));
  return new Response(scrubbed, { status: answer.status, headers });
}

/**
 * The body of an upstream answer, once it is known to be JSON and to declare no more than
 * {@link MAX_UPSTREAM_BODY_BYTES}; `null` (and the body dropped) when the answer has none.
 * @throws {ProxyRejection} 502 `proxy/upstream-invalid` when it is not JSON, `proxy/upstream-too-large` when it declares too much.
 */
export async function checkedBody(answer: Response): Promise<ReadableStream<Uint8Array> | null> {
  if (NULL_BODY_STATUSES.has(answer.status) || answer.body === null) {
    await answer.body?.cancel();
    return null;
  }
  const contentType = answer.headers.get("content-type");
  if (!isJsonType(contentType)) {
    await answer.body.cancel().catch(() => undefined);
    throw upstreamNotJson(
      answer.status,
      contentType === null ? "no content-type" : `content-type ${contentType.slice(0, 80)}`,
    );
  }
  if (Number(answer.headers.get("content-length") ?? Number.NaN) > MAX_UPSTREAM_BODY_BYTES) {
    await answer.body.cancel().catch(() => undefined);
    throw upstreamTooLarge(MAX_UPSTREAM_BODY_BYTES);
  }
  return answer.body;
}

/** Reads a body whole and scrubs it; its bytes pass unchanged unless a secret is in them. */
async function scrubBuffered(
  body: ReadableStream<Uint8Array>,
  status: number,
  secrets: readonly string[],
  declaredLength: number,
): Promise<Uint8Array<ArrayBuffer> | string> {
  const { bytes, text } = await readJsonBody(body, status, declaredLength);
  const redacted = redactText(text, secrets);
  return redacted === text ? bytes : redacted;
}

/**
 * Reads a body whole, within the limit, and checks that it is JSON: a body still encoded (Deno's
 * fetch does not decode `deflate`) or not JSON at all never passes.
 * @param declaredLength the answer's `Content-Length`, if any: how much to make room for, not a bound.
 * @throws {ProxyRejection} 502 `proxy/upstream-too-large` past the limit, `proxy/upstream-invalid` when it is not JSON.
 */
export async function readJsonBody(
  body: ReadableStream<Uint8Array>,
  status: number,
  declaredLength?: number,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; text: string }> {
  const bytes = await readWithin(
    body,
    MAX_UPSTREAM_BODY_BYTES,
    () => upstreamTooLarge(MAX_UPSTREAM_BODY_BYTES),
    declaredLength,
  );
  if (!isJsonBytes(bytes)) throw upstreamNotJson(status, "a body that is not JSON");
  return { bytes, text: utf8.decode(bytes) };
}

const utf8 = new TextDecoder();

function unreachable(detail: string): ProxyRejection {
  return new ProxyRejection(
    502,
    "proxy/upstream-unreachable",
    "The proxy could not get an answer from the Lambda Cloud API.",
    "Try again shortly; if it persists, the proxy's operator should check its upstream setting and network.",
    { detail },
  );
}
