/**
 * Reads a request body while counting its bytes, so a body larger than the limit is refused
 * whatever its Content-Length says, and nothing of it is sent upstream.
 */
import { ProxyRejection } from "./errors.js";
import { readWithin } from "./read-within.js";

/**
 * Reads the whole body into memory, stopping as soon as it exceeds `maxBytes`.
 * @returns the bytes, or `undefined` when the request has no body.
 * @throws {ProxyRejection} 413 `proxy/body-too-large` past the limit.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > maxBytes) throw tooLarge(maxBytes, "declared");
  if (request.body === null) return undefined;
  return readWithin(request.body, maxBytes, () => tooLarge(maxBytes, "counted"), declared);
}

function tooLarge(maxBytes: number, how: "declared" | "counted"): ProxyRejection {
  return new ProxyRejection(
    413,
    "proxy/body-too-large",
    `The request body is larger than this proxy accepts (${maxBytes} bytes).`,
    "Send a smaller body; the limit is set by the proxy's maxBodyBytes option.",
    { detail: how === "declared" ? "Content-Length over the limit" : "body over the limit while reading" },
  );
}
