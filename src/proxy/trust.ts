/**
 * What the proxy believes about a request beyond its bytes: which origin is its own (for the
 * same-origin check) and which client sent it (for rate limiting). Headers a caller can set
 * are believed only where the deployment says a server in front of the proxy sets them.
 */
import { isHostChecked } from "./host-check.js";

/** What the server or platform in front of the proxy vouches for. */
export interface TrustOptions {
  /**
   * Every request's `Host` was routed by a platform that answers only to your names, so the
   * request URL's origin is the proxy's own. True on Cloudflare (the edge routes by Host);
   * not under `wrangler dev`, `Deno.serve` or `Bun.serve` on a local port, where a rebinding
   * DNS name can reach the server (use `checkHost` there; `toNodeListener` does it).
   * @default false: only a Host checked by `checkHost` makes the origin the proxy's own
   */
  readonly host?: boolean | undefined;
  /**
   * The request header that holds the client's address, set by a proxy in front of this one
   * and never passed through from the client: `"cf-connecting-ip"` on Cloudflare.
   * @default none: the address the server passes as `clientAddress` in the third argument
   */
  readonly clientAddressHeader?: string | undefined;
}

/** What a server knows of a request that the request cannot be trusted to say, passed as the handler's third argument. */
export interface ServeContext {
  /**
   * The client's address as the server's socket saw it: Deno's `info.remoteAddr.hostname`,
   * Bun's `server.requestIP(request)?.address`; `toNodeListener` passes Node's socket address.
   */
  readonly clientAddress?: string | undefined;
}

/** The checked trust settings. */
export interface TrustPolicy {
  /** The proxy's own origin for this request, or `undefined` when the request's Host is not vouched for. */
  ownOrigin(request: Request): string | undefined;
  /** The client's address, or `undefined` when nothing trustworthy names it. */
  clientAddress(request: Request, ctx: unknown): string | undefined;
}

/**
 * Checks the `trust` option.
 * @throws {TypeError} when it is not an object of the documented shape.
 */
export function createTrustPolicy(trust: TrustOptions | undefined): TrustPolicy {
  if (trust !== undefined && (trust === null || typeof trust !== "object")) {
    throw new TypeError(
      'trust must be an object such as { host: true, clientAddressHeader: "cf-connecting-ip" } (on Cloudflare), or left out.',
    );
  }
  const { host = false, clientAddressHeader } = trust ?? {};
  if (typeof host !== "boolean") throw new TypeError("trust.host must be true or false.");
  if (
    clientAddressHeader !== undefined &&
    (typeof clientAddressHeader !== "string" || !/^[a-z0-9-]+$/i.test(clientAddressHeader))
  ) {
    throw new TypeError('trust.clientAddressHeader must be a header name such as "cf-connecting-ip".');
  }
  return {
    ownOrigin: (request) => (host || isHostChecked(request) ? new URL(request.url).origin : undefined),
    clientAddress(request, ctx) {
      if (clientAddressHeader !== undefined) return request.headers.get(clientAddressHeader)?.trim() || undefined;
      const address = (ctx as ServeContext | null | undefined)?.clientAddress;
      return typeof address === "string" && address !== "" ? address : undefined;
    },
  };
}
