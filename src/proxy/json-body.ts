/**
 * Every operation of the API takes one JSON object as its body, so the proxy forwards nothing
 * else: a form, a JSON array or bytes that are not UTF-8 are refused here, before they spend
 * the key's budget (a launch slot, say) on an upstream answer of 400.
 */
import { readBodyWithin } from "./body-limit.js";
import { ProxyRejection } from "./errors.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a request body within `maxBytes` and checks that it is one JSON object.
 * @returns the bytes as received (an empty body too, as the upstream would judge it), or `undefined` when the request has no body.
 * @throws {ProxyRejection} 413 `proxy/body-too-large` past the limit, 400 `proxy/invalid-body` when it is not one JSON object in UTF-8.
 */
export async function readJsonObjectBody(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const body = await readBodyWithin(request, maxBytes);
  if (body !== undefined && body.byteLength > 0) parseJsonObject(body);
  return body;
}

/**
 * The JSON object `body` holds (a missing or empty body holds none).
 * @throws {ProxyRejection} 400 `proxy/invalid-body` when it is not one JSON object in UTF-8.
 */
export function parseJsonObject(body: Uint8Array | undefined): object {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(body ?? new Uint8Array()));
  } catch (error) {
    throw notJsonObject(error instanceof SyntaxError ? "not JSON" : "not UTF-8");
  }
  if (value === null || typeof value !== "object")
    throw notJsonObject(`a JSON ${value === null ? "null" : typeof value}`);
  if (Array.isArray(value)) throw notJsonObject("a JSON array");
  return value;
}

function notJsonObject(problem: string): ProxyRejection {
  return new ProxyRejection(
    400,
    "proxy/invalid-body",
    "The request body is not a JSON object, which every operation of the API takes.",
    'Send the operation\'s fields as one JSON object in UTF-8, e.g. {"name": "laptop"}, with Content-Type: application/json.',
    { detail: `request body is ${problem}` },
  );
}
