/**
 * `toNodeListener`: serves a fetch handler (such as the proxy) with Node's `http.createServer`,
 * through the package's one Node adapter (`internal/node-listener.ts`), adding what the proxy
 * needs: the Host check, the raw target for the traversal guard, and the client's address.
 */
import { createNodeListener, type NodeRequestLike, type NodeResponseLike } from "../internal/node-listener.js";
import { adapterRejectionResponse, ProxyRejection } from "./errors.js";
import { checkHost } from "./host-check.js";
import { rememberRawTarget } from "./path-guard.js";
import type { ServeContext } from "./trust.js";

export type { NodeRequestLike, NodeResponseLike };

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
  return createNodeListener(
    async (request, { target, clientAddress }) => {
      rememberRawTarget(request, target);
      const context: ServeContext = { clientAddress };
      return checkHost(request, options.hosts) ?? handler(request, undefined, context);
    },
    { unreadable: unreadableRequest },
  );
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
