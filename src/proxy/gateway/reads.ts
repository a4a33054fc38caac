/**
 * Reads through the gateway: answered from the shared cache while fresh, coalesced when they
 * must go upstream, and served stale rather than refused when the budget is spent or the
 * upstream fails. Every answer says how it was made (`Cache-Status`) and how old it is (`Age`).
 */

import { untilAborted } from "../../internal/until-aborted.js";
import { AdmissionTimeout, type QueuePlace } from "./admission.js";
import { answerWith, type HeldAnswer } from "./answer.js";
import type { CacheLookup, ReadCache } from "./cache.js";
import type { Coalescer } from "./coalesce.js";
import { CACHE_STATUS_HEADER } from "./contract.js";
import { gatewayBusy } from "./errors.js";
import { callUpstream, type GatewayCall, type UpstreamSettings } from "./upstream.js";

/** The name the gateway gives itself in `Cache-Status`. */
export const CACHE_NAME = "lambda-gateway";

/** What reads need: upstream calls, the cache and the coalescer. */
export interface ReadSettings extends UpstreamSettings {
  readonly cache: ReadCache;
  readonly coalescer: Coalescer<HeldAnswer>;
  /** The queue place of each read in flight, by path, to promote it when a viewer joins it. */
  readonly places: Map<string, QueuePlace>;
}

/** Why a stale answer was served: `detail` of `Cache-Status`. */
type StaleReason = "budget-spent" | "revalidating" | "upstream-error";

/**
 * Answers one read.
 * @throws {ProxyRejection} 503 `proxy/gateway-busy` when nothing is cached and no budget came in time, 502 when the upstream is unreachable.
 */
export async function answerRead(
  settings: ReadSettings,
  call: GatewayCall,
  key: string,
  signal?: AbortSignal,
): Promise<Response> {
  const cached = settings.cache.get(call.path);
  if (cached !== undefined && cached.freshForMs > 0) return fromCache(cached, "hit");
  if (cached !== undefined) {
    // A viewer's read of a stale entry waits up to one request interval for a fresh answer.
    const budgetSpent = settings.admission.expectedWaitMs(call.priority) > settings.admission.intervalMs;
    if (budgetSpent || call.priority === "background") {
      void refreshInBackground(settings, call, key);
      return fromCache(cached, budgetSpent ? "budget-spent" : "revalidating");
    }
  }
  const { result, joined } = fetchShared(settings, call, key);
  let answer: HeldAnswer;
  try {
    answer = await untilAborted(result, signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    if (cached !== undefined) return fromCache(cached, "upstream-error");
    throw error instanceof AdmissionTimeout ? gatewayBusy(error.waitedMs) : error;
  }
  if (answer.status === 429 && cached !== undefined) return fromCache(cached, "budget-spent");
  const status = [`fwd=${cached === undefined ? "miss" : "stale"}`, `fwd-status=${answer.status}`];
  if (answer.status === 200) status.push("stored");
  if (joined) status.push("collapsed");
  return answerWith(answer, {
    age: String(Math.floor(Math.max(0, settings.now() - answer.receivedAt) / 1000)),
    [CACHE_STATUS_HEADER]: `${CACHE_NAME}; ${status.join("; ")}`,
  });
}

/**
 * The newest answer to a read: the cached one while fresh, else one upstream call shared with
 * every caller in flight. Used by the live feed.
 */
export async function freshRead(settings: ReadSettings, call: GatewayCall, key: string): Promise<HeldAnswer> {
  const cached = settings.cache.get(call.path);
  if (cached !== undefined && cached.freshForMs > 0) return cached.answer;
  return fetchShared(settings, call, key).result;
}

/**
 * One upstream call for every caller of `call.path` in flight; a 200 is cached. A viewer who joins a background call waiting in the queue promotes it.
 * A caller never joins a call sent before a write changed the resource: it would get what the write made stale.
 */
function fetchShared(settings: ReadSettings, call: GatewayCall, key: string) {
  const sentIn = settings.cache.generation(call.operation.resource);
  const flight = `${sentIn} ${call.path}`;
  const shared = settings.coalescer.run(flight, async () => {
    const place: QueuePlace = { promote: () => undefined };
    settings.places.set(flight, place);
    try {
      const answer = await callUpstream(settings, { ...call, place }, key);
      if (answer.status === 200) settings.cache.put(call.path, call.operation.resource, answer, sentIn);
      return answer;
    } finally {
      settings.places.delete(flight);
    }
  });
  if (shared.joined && call.priority === "interactive") settings.places.get(flight)?.promote();
  return shared;
}

async function refreshInBackground(settings: ReadSettings, call: GatewayCall, key: string): Promise<void> {
  await fetchShared(settings, { ...call, priority: "background" }, key).result.catch(() => undefined);
}

function fromCache(cached: CacheLookup, how: "hit" | StaleReason): Response {
  const ttl =
    cached.freshForMs > 0 ? Math.ceil(cached.freshForMs / 1000) : -Math.max(1, Math.ceil(-cached.freshForMs / 1000));
  const detail = how === "hit" ? "" : `; detail=${how}`;
  return answerWith(cached.answer, {
    age: String(Math.floor(cached.ageMs / 1000)),
    [CACHE_STATUS_HEADER]: `${CACHE_NAME}; hit; ttl=${ttl}${detail}`,
  });
}
