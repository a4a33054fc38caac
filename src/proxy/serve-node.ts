/**
 * A small adapter that serves a fetch handler with Node's `http.createServer`. It uses only
 * the request and response objects it is given (no `node:` imports), so importing it costs
 * Workers and browsers nothing.
 */
import { adapterRejectionResponse, ProxyRejection } from "./errors.js";
import { checkHost } from "./host-check.js";
import { rememberRawTarget } from "./path-guard.js";
import type { ServeContext } from "./trust.js";

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

/** Options of {@link toNodeListener}. */
export interface NodeListenerOptions {
  /**
   * Host names the server also answers to, besides IP addresses and `localhost` (e.g. the name
   * a reverse proxy in front of it uses; `".example.com"` for every name below it). Any other
   * `Host` gets 421, against DNS rebinding.
   * @default []
   */
  readonly hosts?: readonly string[] | undefined;
}

const VALID_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Turns a fetch handler (such as `createLambdaProxy(...)`) into a listener for
 * `http.createServer`. A request whose `Host` is not an address, `localhost` or one of `hosts`
 * gets 421 (see `checkHost`); one that the runtime's `Request` cannot represent (a method such
 * as TRACE, a header value or target it refuses) gets 400, and the server keeps serving. The raw
 * request target goes to the proxy's traversal guard, the socket's address is passed as
 * `{ clientAddress }` in the handler's third argument, a client that disconnects aborts the
 * upstream request, and bodies stream both ways.
 * @example
 * import { createServer } from "node:http";
 * createServer(toNodeListener(createLambdaProxy({ apiKey: fromEnv() }))).listen(8787, "127.0.0.1");
 */
export function toNodeListener(
  handler: (request: Request, env?: unknown, ctx?: unknown) => Promise<Response>,
  options: NodeListenerOptions = {},
): (req: NodeRequestLike, res: NodeResponseLike) => void {
  return (req, res) => {
    const aborter = new AbortController();
    const closed = new Promise<void>((resolve) =>
      res.once("close", () => {
        if (!res.writableFinished) aborter.abort();
        resolve();
      }),
    );
    const answer = async (): Promise<Response> => {
      let request: Request;
      try {
        request = toRequest(req, aborter.signal);
      } catch {
        return unreadableRequest();
      }
      const context: ServeContext = { clientAddress: req.socket.remoteAddress };
      return checkHost(request, options.hosts) ?? handler(request, undefined, context);
    };
    answer()
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
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
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

/** The 400 for a request the runtime's `Request` constructor refuses; it names the kinds, never echoing the request. */
function unreadableRequest(): Response {
  return adapterRejectionResponse(
    new ProxyRejection(
      400,
      "proxy/bad-request",
      "The request could not be read: its method (such as TRACE or CONNECT), a header value or its target is not one fetch accepts.",
      "Send a standard method (GET, POST, PUT, PATCH, DELETE, OPTIONS) with valid header values.",
    ),
  );
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
