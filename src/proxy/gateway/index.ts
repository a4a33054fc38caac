/**
 * The gateway's public face inside `lambda-cloud/proxy`: the engine, its stores and the
 * contract. This module only re-exports.
 */
export { createGatewayEngine, type GatewayEngineOptions, type GatewayLimits } from "./engine.js";
export { createMemoryGateway, type MemoryGatewayOptions } from "./memory.js";
export { memoryStore, type MemoryStoreOptions } from "./memory-store.js";
export { IDEMPOTENCY_TTL_MS, type AuditQuery, type GatewayStore, type IdempotencyRecord, type StoredAnswer } from "./store.js";
export { createWatches, type Watches, type WatchesOptions } from "./watch-runner.js";
export { wakeOnTimer } from "./watch-timer.js";
export { memoryWatchStore, type WatchStore } from "./watch-store.js";
export { postToWebhook, type WatchWebhookBody } from "./watch-webhook.js";
export type { SeenCandidate, Watch, WatchLaunch, WatchList, WatchSpec, WatchState } from "./watch.js";
export * from "./contract.js";
