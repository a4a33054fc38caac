/**
 * lambda-cloud/proxy/durable-object: the proxy's gateway on Cloudflare Durable Objects. The
 * object class (export it from your Worker and declare it in wrangler.toml with
 * `new_sqlite_classes`), the gateway a front Worker hands to `createLambdaProxy`, and the
 * SQLite store the object keeps its records in. This module only re-exports; nothing here
 * imports `cloudflare:workers`, so it loads in every runtime.
 *
 * @example
 * ```ts
 * // The Worker; wrangler.toml binds LAMBDA_GATEWAY to the class LambdaGateway.
 * import { fromBinding } from "lambda-cloud";
 * import { createLambdaProxy } from "lambda-cloud/proxy";
 * import { durableObjectGateway, type GatewayNamespace } from "lambda-cloud/proxy/durable-object";
 *
 * export { LambdaGateway } from "lambda-cloud/proxy/durable-object";
 *
 * export default {
 *   fetch: createLambdaProxy({
 *     apiKey: (env) => fromBinding(env),
 *     gateway: (env) => durableObjectGateway((env as { LAMBDA_GATEWAY: GatewayNamespace }).LAMBDA_GATEWAY),
 *   }),
 * };
 * ```
 *
 * @module
 */
export {
  defineGatewayObject,
  type GatewayObjectClass,
  type GatewayObjectOptions,
  type GatewayObjectSettings,
  type GatewayObjectState,
  LambdaGateway,
} from "./gateway/durable-object.js";
export {
  type DurableObjectGatewayOptions,
  durableObjectGateway,
  type GatewayNamespace,
  type GatewayObjectStub,
} from "./gateway/durable-object-client.js";
export { gatewayObjectName } from "./gateway/object-name.js";
export { type SqlExecutor, type SqlValue, sqliteStore } from "./gateway/sqlite-store.js";
export { sqliteWatchStore } from "./gateway/watch-store.js";
