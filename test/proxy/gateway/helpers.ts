/**
 * Shared by the gateway suites: a gateway engine in front of the real simulator (rate limit
 * on, on the simulator's real clock, which vitest's fake timers drive), with every upstream
 * call recorded, a random sentinel key, and a proxy in front of a gateway that tells callers
 * apart by a token.
 */
import { vi } from "vitest";
import { inMemoryKey } from "../../../src/auth/providers/in-memory.js";
import type { OperationId } from "../../../src/operation-schemas.js";
import { operationRoutes } from "../../../src/operations.js";
import type { GatewayStore } from "../../../src/proxy/gateway/store.js";
import {
  createGatewayEngine,
  createLambdaProxy,
  type Gateway,
  type GatewayLimits,
  type GatewayPriority,
  type LambdaProxyOptions,
  memoryStore,
  type ProxyLogRecord,
} from "../../../src/proxy/index.js";
import { createSimulator, type Simulator, type SimulatorOptions } from "../../../src/testing/index.js";

export const BASE_URL = "https://sim.test/api/v1";

/** One call that reached the simulator: when (fake time), what, and the status (0 when the connection dropped). */
export interface UpstreamCall {
  readonly time: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

/** A gateway under test. */
export interface GatewayHarness {
  readonly sim: Simulator;
  readonly gateway: Gateway;
  readonly store: GatewayStore;
  readonly key: string;
  readonly calls: UpstreamCall[];
  /** The calls to `path` (without the base path) so far. */
  callsTo(path: string, method?: string): UpstreamCall[];
  /** Sends one request through the gateway, as the proxy would after its checks. */
  send(id: OperationId, options?: SendOptions): Promise<Response>;
}

/** What {@link GatewayHarness.send} may add to a request. */
export interface SendOptions {
  readonly path?: string;
  readonly body?: unknown;
  readonly priority?: GatewayPriority;
  readonly idempotencyKey?: string;
  readonly caller?: string;
  readonly signal?: AbortSignal;
}

/** A fresh random key; every output is searched for it. */
export const sentinel = (): string => `lc-sentinel-${crypto.randomUUID()}`;

/**
 * In one process on fake timers, calls reach the simulator when they leave, so the suites need
 * no margin and can expect exact times.
 */
const EXACT_LIMITS: GatewayLimits = { marginMs: 0 };

/** What {@link gatewayHarness} may change. */
export interface HarnessOptions {
  readonly limits?: GatewayLimits;
  /** `false` turns the simulator's own limit off (to watch the gateway's alone). */
  readonly rateLimit?: boolean;
  /** More simulator options (scripted capacity, say). */
  readonly simulator?: SimulatorOptions;
  /**
   * Called once the simulator has answered a call (and it is recorded); the answer reaches the
   * gateway when the returned promise settles. To hold an answer the simulator made before a later write.
   */
  readonly holdAnswer?: (call: UpstreamCall) => Promise<void> | undefined;
}

/** Builds the harness. */
export function gatewayHarness(options: HarnessOptions = {}): GatewayHarness {
  const key = sentinel();
  const sim = createSimulator({
    apiKeys: [key],
    clock: "real",
    rateLimit: options.rateLimit ?? true,
    ...options.simulator,
  });
  const calls: UpstreamCall[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input));
    const record = (status: number) => {
      const call = {
        time: Date.now(),
        method: init?.method ?? "GET",
        path: url.pathname.replace("/api/v1", "") + url.search,
        status,
      };
      calls.push(call);
      return call;
    };
    try {
      const response = await sim.fetch(input, init);
      const call = record(response.status);
      await options.holdAnswer?.(call);
      return response;
    } catch (error) {
      record(0);
      throw error;
    }
  };
  const store = memoryStore();
  const gateway = createGatewayEngine({
    upstream: BASE_URL,
    fetch,
    store,
    limits: { ...EXACT_LIMITS, ...options.limits },
  });
  return {
    sim,
    gateway,
    store,
    key,
    calls,
    callsTo: (path, method = "GET") => calls.filter((call) => call.path === path && call.method === method),
    send(id, { path, body, priority = "interactive", idempotencyKey, caller, signal } = {}) {
      const operation = operationRoutes[id];
      return gateway.handle(
        {
          operation,
          path: path ?? operation.path,
          body: body === undefined ? undefined : new TextEncoder().encode(JSON.stringify(body)),
          caller,
          priority,
          idempotencyKey,
        },
        key,
        signal,
      );
    },
  };
}

/** Adds an SSH key and capacity for the usual A10 in us-west-1, returning a launch request that succeeds. */
export function launchable(sim: Simulator, keyName = "laptop") {
  if (!sim.state.sshKeys().some((sshKey) => sshKey.name === keyName)) sim.state.addSSHKey({ name: keyName });
  sim.state.setCapacity("gpu_1x_a10", "us-west-1", 5);
  return { region_name: "us-west-1", instance_type_name: "gpu_1x_a10", ssh_key_names: [keyName] };
}

/** The event loop's own `setImmediate`, taken before any test installs fake timers. */
const realSetImmediate = globalThis.setImmediate;

/**
 * Advances the fake clock in small steps until `promise` settles (at most `limitMs`), and returns
 * its result. Before each step it lets the real event loop turn once, so that work fake time does
 * not drive (WebCrypto digests, finished on libuv's thread pool) completes before the clock moves:
 * on a loaded machine, advancing without that turn ran through the whole limit while one digest was pending.
 */
export async function settle<T>(promise: Promise<T>, limitMs = 120_000): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  watched.catch(() => undefined);
  for (let elapsed = 0; elapsed < limitMs; elapsed += 100) {
    await new Promise((resolve) => realSetImmediate(resolve));
    if (settled) break;
    await vi.advanceTimersByTimeAsync(100);
  }
  return watched;
}

/** The origin the proxy of {@link proxyForCallers} is called on. */
export const PROXY_ORIGIN = "http://proxy.test";

/** The bearer token {@link proxyForCallers} knows as the caller "ada"; without it a caller may only read. */
export const CALLER_TOKEN = `Bearer ${crypto.randomUUID()}`;

/** A proxy under test, with what it told and asked its callbacks. */
export interface ProxyForCallers {
  /** Sends a request to `path` on {@link PROXY_ORIGIN}. */
  call(path: string, init?: RequestInit): Promise<Response>;
  /** The calls counted against the per-caller limit, by caller. */
  readonly counts: Map<string, number>;
  readonly logs: ProxyLogRecord[];
  /** What `authorize` was told, call by call. */
  readonly authorized: { operation: string; access: string }[];
}

/**
 * A read-write proxy with `key` in front of `gateway`: {@link CALLER_TOKEN} is "ada", anyone
 * else may only read, and each caller may make `perCaller` counted calls. `options` override.
 */
export function proxyForCallers(
  key: string,
  gateway: Gateway,
  perCaller: number,
  options: Partial<LambdaProxyOptions> = {},
): ProxyForCallers {
  const counts = new Map<string, number>();
  const logs: ProxyLogRecord[] = [];
  const authorized: { operation: string; access: string }[] = [];
  const handle = createLambdaProxy({
    apiKey: inMemoryKey(key, { name: "test-key" }),
    allow: "read-write",
    authorize: (request, _env, context) => {
      authorized.push(context);
      return request.headers.get("authorization") === CALLER_TOKEN ? { id: "ada" } : context.access === "read";
    },
    rateLimit: (caller) => {
      counts.set(caller, (counts.get(caller) ?? 0) + 1);
      return (counts.get(caller) ?? 0) <= perCaller;
    },
    gateway,
    log: (record) => logs.push(record),
    ...options,
  });
  return {
    call: (path, init = {}) => handle(new Request(`${PROXY_ORIGIN}${path}`, init)),
    counts,
    logs,
    authorized,
  };
}
