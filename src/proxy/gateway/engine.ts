/**
 * `createGatewayEngine`: the runtime-neutral gateway of one API key, composed of its parts:
 * admission (`admission.ts`), the shared read cache (`cache.ts`) with coalescing
 * (`coalesce.ts`, `reads.ts`), idempotent and serialized writes (`idempotency.ts`,
 * `writes.ts`), the audit trail (`audit.ts`) and the live feed (`live.ts`). What must outlive a
 * restart goes to its {@link GatewayStore}; everything else starts empty.
 */
import { operationRoutes, resourceFreshnessMs } from "../../operations.js";
import type { RateLimiterOptions } from "../../transport/rate-limiter.js";
import { ProxyRejection, rejectionResponse } from "../errors.js";
import { checkedUpstream, DEFAULT_UPSTREAM } from "../options.js";
import { createAdmission } from "./admission.js";
import type { HeldAnswer } from "./answer.js";
import { auditPage } from "./audit.js";
import { createReadCache } from "./cache.js";
import { createCoalescer } from "./coalesce.js";
import type { Gateway } from "./contract.js";
import { createIdempotency } from "./idempotency.js";
import { createLiveFeed } from "./live.js";
import { answerRead, freshRead, type ReadSettings } from "./reads.js";
import { createSerializer } from "./serializer.js";
import type { GatewayStore } from "./store.js";
import { answerWrite, type WriteSettings } from "./writes.js";

/** The limits and timings of a gateway; the rate limits default to the API's (`RATE_LIMITS` in `src/rate-limits.ts`). */
export interface GatewayLimits extends RateLimiterOptions {
  /** The longest a request waits for upstream budget before `503 proxy/gateway-busy`. @default 30_000 */
  readonly maxWaitMs?: number | undefined;
  /**
   * Milliseconds added to the spacing of calls, so that jitter on the way to the API never
   * brings two of them closer than the limit. @default 50
   */
  readonly marginMs?: number | undefined;
  /** Milliseconds between the live feed's polls of `GET /instances`. @default 2_000 (the freshness of instances) */
  readonly liveIntervalMs?: number | undefined;
  /** Milliseconds between the live feed's heartbeat comments. @default 15_000 */
  readonly heartbeatMs?: number | undefined;
  /** The most reads cached (distinct paths with their queries). @default 1_000 */
  readonly maxCacheEntries?: number | undefined;
}

/** Options of {@link createGatewayEngine}. */
export interface GatewayEngineOptions {
  /** The API's base URL. @default "https://cloud.lambda.ai/api/v1" */
  readonly upstream?: string | undefined;
  /** The fetch that reaches the upstream. @default globalThis.fetch (looked up on each call) */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Where idempotency records and the audit trail are kept, e.g. {@link memoryStore}`()`. */
  readonly store: GatewayStore;
  /** The clock, in epoch milliseconds. @default Date.now */
  readonly now?: (() => number) | undefined;
  /** Rate limits and timings. @default the API's limits */
  readonly limits?: GatewayLimits | undefined;
}

/**
 * Creates the gateway of one API key: global admission within the API's limits, a shared
 * cache with coalescing, stale answers rather than refusals under pressure, serialized and
 * idempotent writes, an audit trail and a live feed of the instance list.
 * @example
 * ```ts
 * import { createGatewayEngine, memoryStore } from "lambda-cloud/proxy";
 * const gateway = createGatewayEngine({ store: memoryStore() });
 * export default { fetch: createLambdaProxy({ apiKey: fromEnv(), gateway }) };
 * ```
 */
export function createGatewayEngine(options: GatewayEngineOptions): Gateway {
  const { store, limits = {} } = options;
  if (store === null || typeof store !== "object" || typeof store.claimIdempotency !== "function") {
    throw new TypeError("createGatewayEngine needs a store, e.g. { store: memoryStore() }.");
  }
  const now = options.now ?? Date.now;
  const fetchOption = options.fetch;
  const admission = createAdmission({
    limits,
    now,
    maxWaitMs: limits.maxWaitMs ?? 30_000,
    marginMs: limits.marginMs ?? 50,
  });
  const reads: ReadSettings = {
    upstream: checkedUpstream(options.upstream ?? DEFAULT_UPSTREAM),
    fetch: (input, init) => (fetchOption ?? globalThis.fetch)(input, init),
    admission,
    now,
    cache: createReadCache(now, limits.maxCacheEntries ?? 1_000),
    coalescer: createCoalescer<HeldAnswer>(),
    places: new Map(),
  };
  const writes: WriteSettings = {
    ...reads,
    store,
    idempotency: createIdempotency(store, now),
    serializeLaunch: createSerializer(),
  };
  const listInstances = {
    operation: operationRoutes.listInstances,
    path: "/instances",
    body: undefined,
    priority: "background",
  } as const;
  const live = createLiveFeed({
    read: (key) => freshRead(reads, listInstances, key),
    now,
    intervalMs: limits.liveIntervalMs ?? resourceFreshnessMs.instances,
    heartbeatMs: limits.heartbeatMs ?? 15_000,
  });

  return {
    async handle(request, key, signal) {
      const requestId = request.requestId ?? crypto.randomUUID();
      try {
        return request.operation.access === "read"
          ? await answerRead(reads, request, key, signal)
          : await answerWrite(writes, request, key, requestId, signal);
      } catch (error) {
        if (error instanceof ProxyRejection) return rejectionResponse(error, requestId);
        throw error;
      }
    },
    audit: (query) => auditPage(store, query, crypto.randomUUID()),
    live: async (key, signal) => live.subscribe(key, signal),
  };
}
