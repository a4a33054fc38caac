/**
 * Reads a request body while counting its bytes, so a body larger than the limit is refused
 * whatever its Content-Length says, and nothing of it is sent upstream.
 */
import { ProxyRejection } from "./errors.js";

/**
 * Reads the whole body into memory, stopping as soon as it exceeds `maxBytes`.
 * @returns the bytes, or `undefined` when the request has no body.
 * @throws {ProxyRejection} 413 `proxy/body-too-large` past the limit.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > maxBytes) throw tooLarge(maxBytes, "declared");
  if (request.body === null) return undefined;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes, "counted");
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
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
