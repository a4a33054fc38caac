/**
 * The one adapter from Node's `http.createServer` to a fetch handler, used by the proxy's
 * `toNodeListener` and the simulator's `serve()` in Node. It uses only the request and response
 * objects it is given (no `node:` imports), so importing it costs Workers and browsers nothing.
 * Responses stream; request bodies stream too unless the server asks for them whole.
 */

/** What the adapter reads of Node's `IncomingMessage`. */
export interface NodeRequestLike extends AsyncIterable<Uint8Array> {
  /** The request method, e.g. `"GET"`. */
  readonly method?: string | undefined;
  /** The request target, e.g. `"/api/v1/instances?x=1"`. */
  readonly url?: string | undefined;
  /** The request headers, lower-cased, as Node parses them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The socket the request came on: the peer's address and whether it is TLS. */
  readonly socket: { readonly remoteAddress?: string | undefined; readonly encrypted?: boolean | undefined };
}

/** What the adapter uses of Node's `ServerResponse`. */
export interface NodeResponseLike {
  /** Sends the status line and headers. */
  writeHead(status: number, headers: Record<string, string>): unknown;
  /** Sends the headers now, before any body. */
  flushHeaders(): void;
  /** Writes a body chunk; `false` when the caller should wait for `drain`. */
  write(chunk: Uint8Array): boolean;
  /** Ends the response. */
  end(): unknown;
  /** Listens once for `drain` (ready for more body) or `close` (the connection went away). */
  once(event: "drain" | "close", listener: () => void): unknown;
  /** Closes the connection at once, e.g. when the response body failed midway. */
  destroy(error?: Error): unknown;
  /** Whether the whole response was handed to the operating system. */
  readonly writableFinished: boolean;
}

/** What the handler learns besides the `Request`: the raw request target and the socket's address. */
export interface NodeRequestContext {
  /** The request target exactly as sent (before URL parsing resolves `..` and the like). */
  readonly target: string;
  readonly clientAddress: string | undefined;
}

/** How {@link createNodeListener} answers what the handler never sees. */
export interface NodeListenerSetup {
  /** The answer to a request the runtime's `Request` refuses (a method such as TRACE, a header value it rejects). */
  readonly unreadable: () => Response;
  /** The host of the request URL when the `Host` header is missing or malformed. @default "localhost" */
  readonly fallbackHost?: string | undefined;
  /**
   * `"stream"`: the body streams to the handler, and a client that disconnects aborts
   * `request.signal` (a proxy stops its upstream request). `"whole"`: the body is read before the
   * handler runs, and the request runs to its end even if the client goes away, as an API server
   * does (the simulator: a launch whose caller vanished is still performed).
   * @default "stream"
   */
  readonly requestBody?: "stream" | "whole" | undefined;
}

const VALID_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * A listener for `http.createServer` that turns each request into a `Request`, passes it to
 * `handler`, and writes the `Response` back. A request `Request` cannot represent gets
 * `setup.unreadable()` and the server keeps serving; a handler that rejects drops the connection
 * (the client sees a reset).
 */
export function createNodeListener(
  handler: (request: Request, context: NodeRequestContext) => Promise<Response>,
  setup: NodeListenerSetup,
): (req: NodeRequestLike, res: NodeResponseLike) => void {
  return (req, res) => {
    const aborter = new AbortController();
    const closed = new Promise<void>((resolve) =>
      res.once("close", () => {
        if (!res.writableFinished) aborter.abort();
        resolve();
      }),
    );
    const whole = setup.requestBody === "whole";
    const answer = async (): Promise<Response> => {
      const method = req.method ?? "GET";
      const body = method === "GET" || method === "HEAD" ? null : whole ? await readWhole(req) : streamOf(req);
      let request: Request;
      try {
        request = toRequest(req, method, body, whole ? undefined : aborter.signal, setup.fallbackHost ?? "localhost");
      } catch {
        return setup.unreadable();
      }
      return handler(request, { target: req.url ?? "/", clientAddress: req.socket.remoteAddress });
    };
    answer()
      .then((response) => writeResponse(response, res, closed))
      .catch(() => res.destroy());
  };
}

function toRequest(
  req: NodeRequestLike,
  method: string,
  body: BodyInit | null,
  signal: AbortSignal | undefined,
  fallbackHost: string,
): Request {
  const target = req.url ?? "/";
  const hostHeader = req.headers.host;
  const host = typeof hostHeader === "string" && VALID_HOST.test(hostHeader) ? hostHeader : fallbackHost;
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
  return new Request(url, {
    method,
    headers,
    signal: signal ?? null,
    body,
    // Node needs `duplex` to send a streamed body; the DOM types do not know it yet.
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** The whole body, or `null` when there is none. */
async function readWhole(source: AsyncIterable<Uint8Array>): Promise<Uint8Array<ArrayBuffer> | null> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of source) chunks.push(chunk);
  if (chunks.length === 0) return null;
  const whole = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.length;
  }
  return whole;
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
