/**
 * A small adapter that serves a fetch handler with Node's `http.createServer`. It uses only
 * the request and response objects it is given (no `node:` imports), so importing it costs
 * Workers and browsers nothing.
 */
import { rememberRawTarget } from "./path-guard.js";

/** What the adapter reads of Node's `IncomingMessage`. */
export interface NodeRequestLike extends AsyncIterable<Uint8Array> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly socket: { readonly remoteAddress?: string | undefined; readonly encrypted?: boolean | undefined };
}

/** What the adapter uses of Node's `ServerResponse`. */
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string>): unknown;
  flushHeaders(): void;
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  once(event: "drain" | "close", listener: () => void): unknown;
  destroy(error?: Error): unknown;
  readonly writableFinished: boolean;
}

const VALID_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Turns a fetch handler (such as `createLambdaProxy(...)`) into a listener for
 * `http.createServer`. The raw request target goes to the proxy's traversal guard, the
 * client's address becomes `cf-connecting-ip` (replacing any sent by the client), a client
 * that disconnects aborts the upstream request, and bodies stream both ways.
 * @example
 * import { createServer } from "node:http";
 * createServer(toNodeListener(createLambdaProxy({ apiKey: fromEnv() }))).listen(8787, "127.0.0.1");
 */
export function toNodeListener(
  handler: (request: Request, env?: unknown, ctx?: unknown) => Promise<Response>,
): (req: NodeRequestLike, res: NodeResponseLike) => void {
  return (req, res) => {
    const aborter = new AbortController();
    const closed = new Promise<void>((resolve) =>
      res.once("close", () => {
        if (!res.writableFinished) aborter.abort();
        resolve();
      }),
    );
    const request = toRequest(req, aborter.signal);
    handler(request)
      .then((response) => writeResponse(response, res, closed))
      .catch((error: unknown) => res.destroy(error instanceof Error ? error : undefined));
  };
}

function toRequest(req: NodeRequestLike, signal: AbortSignal): Request {
  const target = req.url ?? "/";
  const hostHeader = req.headers.host;
  const host = typeof hostHeader === "string" && VALID_HOST.test(hostHeader) ? hostHeader : "localhost";
  const origin = `${req.socket.encrypted ? "https" : "http"}://${host}`;
  let url: URL;
  try {
    url = new URL(target.startsWith("/") ? `${origin}${target}` : `${origin}/`);
  } catch {
    url = new URL(`${origin}/`);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === "cf-connecting-ip") continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  if (req.socket.remoteAddress) headers.set("cf-connecting-ip", req.socket.remoteAddress);
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const request = new Request(url, {
    method,
    headers,
    signal,
    body: hasBody ? streamOf(req) : null,
    // Node needs `duplex` to send a streamed body; the DOM types do not know it yet.
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
  rememberRawTarget(request, target);
  return request;
}

function streamOf(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

async function writeResponse(response: Response, res: NodeResponseLike, closed: Promise<void>): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body === null) {
    res.end();
    return;
  }
  res.flushHeaders();
  const reader = response.body.getReader();
  let clientGone = false;
  void closed.then(() => {
    clientGone = true;
    reader.cancel().catch(() => undefined);
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done || clientGone) break;
    if (!res.write(value)) await Promise.race([new Promise<void>((resolve) => res.once("drain", resolve)), closed]);
  }
  res.end();
}
