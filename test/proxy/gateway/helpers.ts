/**
 * Shared by the gateway suites: a gateway engine in front of the real simulator (rate limit
 * on, on the simulator's real clock, which vitest's fake timers drive), with every upstream
 * call recorded, and a random sentinel key.
 */
import { vi } from "vitest";
import type { OperationId } from "../../../src/operation-schemas.js";
import { operationRoutes } from "../../../src/operations.js";
import type { GatewayStore } from "../../../src/proxy/gateway/store.js";
import {
  createGatewayEngine,
  type Gateway,
  type GatewayLimits,
  type GatewayPriority,
  memoryStore,
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

/** Builds the harness. `rateLimit: false` turns the simulator's own limit off (to watch the gateway's alone); `simulator` adds options (scripted capacity, say). */
export function gatewayHarness(
  options: { limits?: GatewayLimits; rateLimit?: boolean; simulator?: SimulatorOptions } = {},
): GatewayHarness {
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
    const record = (status: number) =>
      calls.push({
        time: Date.now(),
        method: init?.method ?? "GET",
        path: url.pathname.replace("/api/v1", "") + url.search,
        status,
      });
    try {
      const response = await sim.fetch(input, init);
      record(response.status);
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

/** Advances the fake clock in small steps until `promise` settles (at most `limitMs`), and returns its result. */
export async function settle<T>(promise: Promise<T>, limitMs = 120_000): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  watched.catch(() => undefined);
  for (let elapsed = 0; !settled && elapsed < limitMs; elapsed += 100) await vi.advanceTimersByTimeAsync(100);
  return watched;
}
