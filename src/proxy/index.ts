/**
 * lambda-cloud/proxy: an edge proxy that forwards the allowed Lambda Cloud API operations
 * with the server's key, so that browsers never hold it: a `Request -> Response` handler for
 * Cloudflare Workers, Deno, Bun and Node (through `toNodeListener`), with an allowlist by
 * operation, CORS, per-caller limits, and a gateway per key (admission to the API's limits, a
 * shared cache, idempotent writes, an audit log). This module only re-exports.
 *
 * @example
 * ```ts
 * import { fromEnv } from "lambda-cloud";
 * import { createLambdaProxy, createMemoryGateway } from "lambda-cloud/proxy";
 *
 * // Deno or Bun; in Node, `createServer(toNodeListener(proxy))`.
 * const proxy = createLambdaProxy({ apiKey: fromEnv(), gateway: createMemoryGateway() });
 * Deno.serve((request) => proxy(request));
 * ```
 *
 * @module
 */

export type { AuthorizeContext, Authorizer } from "./authorize.js";
export type { CorsOptions } from "./cors.js";
export type { ProxyErrorCode } from "./errors.js";
export * from "./gateway/index.js";
export { REQUEST_ID_HEADER } from "./headers.js";
export { type CheckHostOptions, checkHost } from "./host-check.js";
export type { LogOption, ProxyLogRecord } from "./log.js";
export type { AllowOption, LambdaProxyOptions } from "./options.js";
export { createLambdaProxy, type ProxyHandler } from "./proxy.js";
export type { RateLimitBinding, RateLimitOption } from "./rate-limit.js";
export { type NodeListenerOptions, type NodeRequestLike, type NodeResponseLike, toNodeListener } from "./serve-node.js";
export type { ServeContext, TrustOptions } from "./trust.js";
