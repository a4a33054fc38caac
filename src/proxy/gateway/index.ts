/**
 * The gateway's public face inside `lambda-cloud/proxy`: the engine, its stores and the
 * contract. This module only re-exports.
 */

export * from "./contract.js";
export { createGatewayEngine, type GatewayEngineOptions, type GatewayLimits } from "./engine.js";
export { createMemoryGateway, type MemoryGatewayOptions } from "./memory.js";
export { type MemoryStoreOptions, memoryStore } from "./memory-store.js";
export {
  type AuditQuery,
  type GatewayStore,
  IDEMPOTENCY_TTL_MS,
  type IdempotencyRecord,
  type StoredAnswer,
} from "./store.js";
export type { SeenCandidate, Watch, WatchLaunch, WatchList, WatchSpec, WatchState } from "./watch.js";
export { createWatches, type Watches, type WatchesOptions } from "./watch-runner.js";
export { memoryWatchStore, type WatchStore } from "./watch-store.js";
export { wakeOnTimer } from "./watch-timer.js";
export { postToWebhook, type WatchWebhookBody } from "./watch-webhook.js";
