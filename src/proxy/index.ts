/**
 * lambda-cloud/proxy: an edge proxy that forwards the allowed Lambda Cloud API operations
 * with the server's key, so that browsers never hold it. This module only re-exports.
 */
export { createLambdaProxy, type ProxyHandler } from "./proxy.js";
export type { AllowOption, LambdaProxyOptions } from "./options.js";
export type { AuthorizeContext, Authorizer } from "./authorize.js";
export type { CorsOptions } from "./cors.js";
export type { RateLimitBinding, RateLimitOption } from "./rate-limit.js";
export type { LogOption, ProxyLogRecord } from "./log.js";
export type { ProxyErrorCode } from "./errors.js";
export { REQUEST_ID_HEADER } from "./headers.js";
export { toNodeListener, type NodeListenerOptions, type NodeRequestLike, type NodeResponseLike } from "./serve-node.js";
export { checkHost, type CheckHostOptions } from "./host-check.js";
export type { ServeContext, TrustOptions } from "./trust.js";
export * from "./gateway/index.js";
