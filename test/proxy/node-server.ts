/**
 * A real node:http server running a proxy handler through `toNodeListener`, and a raw
 * socket client that sends request targets exactly as written (fetch would normalize them).
 */
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { type NodeListenerOptions, type ProxyHandler, toNodeListener } from "../../src/proxy/index.js";

/** A listening server; `close()` stops it and drops its connections. */
export interface RunningServer {
  readonly port: number;
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves `handler` on 127.0.0.1 with an ephemeral port. */
export async function serve(handler: ProxyHandler, options?: NodeListenerOptions): Promise<RunningServer> {
  const server: Server = createServer(toNodeListener(handler, options));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the test server has no TCP address");
  return {
    port: address.port,
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A parsed raw HTTP/1.1 answer. */
export interface RawAnswer {
  readonly status: number;
  readonly head: string;
  readonly body: string;
}

/**
 * Sends a raw HTTP/1.1 request (`Connection: close`) and reads the whole answer.
 * @param head the request line and headers, without the final blank line, e.g. "GET /x HTTP/1.1\r\nHost: a"
 */
export function sendRaw(port: number, head: string, body = ""): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    // Written without half-closing: Deno's server drops the answer of a client that sent FIN.
    const socket = connect(port, "127.0.0.1", () => socket.write(`${head}\r\nConnection: close\r\n\r\n${body}`));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      const headPart = split === -1 ? text : text.slice(0, split);
      const rawBody = split === -1 ? "" : text.slice(split + 4);
      const body = /^transfer-encoding: chunked$/im.test(headPart) ? dechunk(rawBody) : rawBody;
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headPart)?.[1] ?? 0), head: headPart, body });
    });
  });
}

/** Decodes a chunked transfer-encoded body (ASCII chunk sizes, UTF-8 text). */
function dechunk(raw: string): string {
  let rest = Buffer.from(raw, "utf8");
  const parts: Buffer[] = [];
  for (;;) {
    const lineEnd = rest.indexOf("\r\n");
    const size = Number.parseInt(rest.subarray(0, lineEnd).toString("ascii"), 16);
    if (!(size > 0)) return Buffer.concat(parts).toString("utf8");
    parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
    rest = rest.subarray(lineEnd + 2 + size + 2);
  }
}
