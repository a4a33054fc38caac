/**
 * `createSimulator`: a stateful, in-memory Lambda Cloud behind a plain fetch handler. Requests
 * are routed with the operations table, checked with the operations' own schemas, and
 * answered in the API's envelopes. No `node:` imports: it runs in every runtime.
 */

import { ErrorCodes } from "../error-codes.js";
import { sleep } from "../internal/sleep.js";
import { type OperationId, type OperationSpec, operationList } from "../operation-schemas.js";
import { createRouter } from "../routing.js";
import { type AccountFixture, applyAccount } from "./account.js";
import { ADMIN_PREFIX, handleAdmin } from "./admin.js";
import { recordAuditEvent } from "./audit.js";
import { authenticate } from "./auth.js";
import { type CapacityScriptEntry, checkCapacityScript } from "./capacity-script.js";
import { createCatalog } from "./catalog.js";
import { type ClockKind, createClock, type SimulatorClock } from "./clock.js";
import { dataResponse, errorResponse, jsonResponse, SimulatorApiError } from "./envelope.js";
import { createFaults, type FaultAction, type Faults } from "./faults.js";
import { createHandlers } from "./handlers/index.js";
import type { Handler } from "./handlers/types.js";
import { apiKeyLrn } from "./lrn.js";
import { createRandom, hashOf } from "./random.js";
import { createRateLimit } from "./rate-limit.js";
import { readBody, readQuery } from "./request.js";
import { type ScarceOptions, withScarceCapacity } from "./scarce.js";
import { createState, type SimulatorState } from "./state.js";
import { DEFAULT_QUOTAS, type Quotas, Store } from "./store.js";
import { createTraffic, type Traffic } from "./traffic.js";
import { handleStorage } from "./uploads.js";

/** The key the simulator accepts when `apiKeys` is not given. */
export const DEFAULT_SIMULATOR_API_KEY = "sim-key";

/** Options of {@link createSimulator}; every option has a default. */
export interface SimulatorOptions {
  /** The API keys the simulator accepts. @default ["sim-key"] */
  readonly apiKeys?: readonly string[] | undefined;
  /** Seed of every id, address, image id and capacity figure: the same seed gives the same cloud. @default 1 */
  readonly seed?: number | undefined;
  /** Milliseconds of simulated time from launch (or restart) to `active`; the ip appears halfway, and termination takes as long. @default 2_000 */
  readonly bootMs?: number | undefined;
  /** `"manual"` makes time stand still until `sim.clock.advance(ms)`; use it in tests instead of sleeping. @default "real" */
  readonly clock?: ClockKind | undefined;
  /** Enforce the API's limits per key (1 request/s, 1 launch per 12 s), answering 429 with Retry-After. @default false */
  readonly rateLimit?: boolean | undefined;
  /** The path the API lives under. @default "/api/v1" */
  readonly basePath?: string | undefined;
  /** Account quotas. @default { instances: 10, filesystems: 10, firewallRulesets: 10 } */
  readonly quotas?: Partial<Quotas> | undefined;
  /** Items per page of the audit log and the ticket list. @default 50 */
  readonly pageSize?: number | undefined;
  /** Serve the control API under `/__admin/` (faults, clock, state), as `lambda-cloud-simulator --admin` does. @default false */
  readonly admin?: boolean | undefined;
  /**
   * What the account holds at the start, e.g. `DEMO_ACCOUNT` (what the bin serves). A fixture
   * that breaks a rule throws `AccountFixtureError` naming the field.
   * @default {} (an empty account)
   * @example
   * ```ts
   * createSimulator({ account: { ssh_keys: [{ name: "laptop" }] } });
   * ```
   */
  readonly account?: AccountFixture | undefined;
  /**
   * Scripted capacity: each entry sets a type's capacity in a region when the simulator's clock
   * reaches `at` milliseconds after the start, as `sim.state.setCapacity` would (a later
   * `setCapacity` overrides it until the next entry for that pair). A bad entry throws
   * `CapacityScriptError` naming it and the field.
   * @default [] (the seed's figures, changing every 10 simulated minutes)
   * @example
   * ```ts
   * createSimulator({ clock: "manual", capacity: [{ at: 60_000, type: "gpu_1x_h100_pcie", region: "us-west-1", units: 1 }] });
   * ```
   */
  readonly capacity?: readonly CapacityScriptEntry[] | undefined;
  /**
   * Scarce capacity, to test find-and-launch code: most (type, region) pairs are empty, and a
   * unit appears and vanishes at random (seeded, on the simulator's clock) instead of the seed's
   * figures. Pinned and scripted capacity still override it. A bad setting throws a `TypeError` naming it.
   * @default false
   * @example
   * ```ts
   * createSimulator({ clock: "manual", scarce: { seed: 7, chance: 0.1 } });
   * ```
   */
  readonly scarce?: boolean | ScarceOptions | undefined;
}

/** The settings a simulator runs with (the keys are left out). */
export interface SimulatorSettings {
  /** Seed of every id, address and capacity figure (see {@link SimulatorOptions.seed}). */
  readonly seed: number;
  /** Milliseconds of simulated time from launch to `active`. */
  readonly bootMs: number;
  /** Whether time runs (`"real"`) or moves only on `sim.clock.advance` (`"manual"`). */
  readonly clock: ClockKind;
  /** Whether the API's rate limits are enforced. */
  readonly rateLimit: boolean;
  /** The path the API lives under, e.g. `"/api/v1"`. */
  readonly basePath: string;
  /** Items per page of the audit log and the ticket list. */
  readonly pageSize: number;
  /** Whether the control API under `/__admin/` is served. */
  readonly admin: boolean;
}

/** A running simulator. */
export interface Simulator {
  /**
   * The fetch handler: pass it as the client's `fetch`, or serve it over HTTP with `serve`.
   * A `reset` or `after-commit` fault makes it reject with a `TypeError`, as a dropped connection does.
   */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** Read and seed the account. */
  readonly state: SimulatorState;
  /** Injected failures. */
  readonly faults: Faults;
  /** Simulated time. */
  readonly clock: SimulatorClock;
  /** The settings in effect. */
  readonly settings: SimulatorSettings;
  /** How many API calls were answered, by status and operation (refused ones included). */
  readonly traffic: Pick<Traffic, "snapshot">;
}

/**
 * Creates a simulator of the Lambda Cloud API with all 34 operations.
 * @example
 * ```ts
 * import { LambdaCloudClient } from "lambda-cloud";
 * import { createSimulator } from "lambda-cloud/testing";
 * const sim = createSimulator({ apiKeys: ["test-key"], clock: "manual" });
 * const client = new LambdaCloudClient({ apiKey: "test-key", fetch: sim.fetch, baseUrl: "http://sim/api/v1", rateLimit: false });
 * ```
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const settings = resolveSettings(options);
  const apiKeys = new Set(options.apiKeys ?? [DEFAULT_SIMULATOR_API_KEY]);
  if (apiKeys.size === 0) throw new TypeError("createSimulator: apiKeys must list at least one key.");
  const clock = createClock(settings.clock);
  const catalog = createCatalog(settings.seed, clock.now());
  const store = new Store(
    options.scarce ? withScarceCapacity(catalog, options.scarce, settings.seed) : catalog,
    clock,
    createRandom(settings.seed),
    settings.bootMs,
    { ...DEFAULT_QUOTAS, ...options.quotas },
  );
  if (options.account) applyAccount(store, options.account);
  if (options.capacity) store.scriptCapacity(checkCapacityScript(options.capacity, store.catalog));
  const requestIds = createRandom(hashOf("request-ids", settings.seed));
  const router = createRouter(operationList);
  const handlers = createHandlers(settings.pageSize);
  const faults = createFaults(settings.basePath);
  const rateLimit = settings.rateLimit ? createRateLimit() : undefined;
  const state = createState(store);
  const traffic = createTraffic();

  async function dispatch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const requestId = requestIds.hex(16);
    store.sweep();
    const storage = await handleStorage(store, request, url.pathname);
    if (storage) return storage;
    if (settings.admin && url.pathname.startsWith(ADMIN_PREFIX))
      return handleAdmin({ request, path: url.pathname, state, faults, clock, traffic });

    const { basePath } = settings;
    const inApi = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
    const path = inApi ? url.pathname.slice(basePath.length) || "/" : url.pathname;
    const route = router.match(request.method, path);

    const fail = (error: SimulatorApiError) => errorResponse(error, requestId);
    if (!inApi || route.kind === "not-found") {
      return fail(
        new SimulatorApiError(
          404,
          ErrorCodes.notFound,
          `Nothing is at ${request.method} ${url.pathname}.`,
          `The API lives under ${basePath}; check the path and its ids.`,
        ),
      );
    }
    if (route.kind === "method-not-allowed") {
      const allow = route.allow.join(", ");
      return fail(
        new SimulatorApiError(
          405,
          "global/method-not-allowed",
          `${request.method} is not allowed on ${path}; it takes ${allow}.`,
          undefined,
          { allow },
        ),
      );
    }

    const { operation, params } = route;
    let key: string;
    try {
      key = authenticate(request.headers.get("authorization"), apiKeys);
      rateLimit?.admit(apiKeyLrn(key), Boolean(operation.outcomeUnknownOnFailure), clock.now());
    } catch (error) {
      const refusal = fail(asApiError(error));
      traffic.record(operation.id, refusal.status);
      return refusal;
    }
    // Faults fire only on requests that reach the operation: a refusal for the key or the rate does not use one up.
    const proceed = await applyFault(
      faults.take({ method: request.method, path, template: operation.path }, requestId),
      request,
    );
    if (proceed.response) return proceed.response;

    let response: Response;
    let resources: readonly string[] = [];
    try {
      const query = readQuery(operation, url.searchParams);
      const body = await readBody(operation, request);
      // The router, the query and the body were checked against this operation's own entry of the table.
      const handler = handlers[operation.id as OperationId] as Handler<OperationId>;
      const outcome = handler({ store, params, query, body, origin: url.origin } as never);
      resources = outcome.resources ?? [];
      response = successResponse(operation, outcome.payload);
    } catch (error) {
      response = fail(asApiError(error));
    }
    traffic.record(operation.id, response.status);
    recordAuditEvent(store, {
      operation,
      apiKeyLrn: apiKeyLrn(key),
      statusCode: response.status,
      resources,
      userAgent: request.headers.get("user-agent"),
    });
    if (proceed.afterCommit)
      throw new TypeError(
        "fetch failed: the connection was reset after the request was applied (injected after-commit fault)",
      );
    return response;
  }

  return {
    fetch: (input, init) =>
      fetchHonouringSignal(input instanceof Request && init === undefined ? input : new Request(input, init), dispatch),
    state,
    faults,
    clock,
    settings,
    traffic,
  };
}

/**
 * Like a real fetch, rejects with the signal's reason when it is aborted before the request
 * is handled, while it waits (injected delays), or before the answer is returned.
 */
async function fetchHonouringSignal(
  request: Request,
  dispatch: (request: Request) => Promise<Response>,
): Promise<Response> {
  request.signal.throwIfAborted();
  const response = await dispatch(request);
  request.signal.throwIfAborted();
  return response;
}

function resolveSettings(options: SimulatorOptions): SimulatorSettings {
  const settings: SimulatorSettings = {
    seed: options.seed ?? 1,
    bootMs: options.bootMs ?? 2_000,
    clock: options.clock ?? "real",
    rateLimit: options.rateLimit ?? false,
    basePath: (options.basePath ?? "/api/v1").replace(/\/+$/, ""),
    pageSize: options.pageSize ?? 50,
    admin: options.admin ?? false,
  };
  const problems = [
    Number.isInteger(settings.seed) ? "" : `seed must be an integer, got ${String(settings.seed)}`,
    Number.isFinite(settings.bootMs) && settings.bootMs >= 0
      ? ""
      : `bootMs must be a number ≥ 0, got ${String(settings.bootMs)}`,
    settings.clock === "real" || settings.clock === "manual"
      ? ""
      : `clock must be "real" or "manual", got ${JSON.stringify(settings.clock)}`,
    Number.isInteger(settings.pageSize) && settings.pageSize >= 1
      ? ""
      : `pageSize must be a whole number ≥ 1, got ${String(settings.pageSize)}`,
    settings.basePath === "" || settings.basePath.startsWith("/")
      ? ""
      : `basePath must start with "/", got ${JSON.stringify(options.basePath)}`,
  ].filter(Boolean);
  if (problems.length > 0) throw new TypeError(`createSimulator: ${problems.join("; ")}.`);
  return settings;
}

function successResponse(operation: OperationSpec, payload: unknown): Response {
  return operation.envelope === "body" ? jsonResponse(payload) : dataResponse(payload, operation.successStatus ?? 200);
}

function asApiError(error: unknown): SimulatorApiError {
  if (error instanceof SimulatorApiError) return error;
  // A bug in the simulator: answer like the API's own internal errors, with the cause for the developer.
  return new SimulatorApiError(
    500,
    ErrorCodes.internalError,
    `The simulator failed: ${error instanceof Error ? error.message : String(error)}.`,
  );
}

/** Applies a matched fault: a response to send now, a delay, a dropped connection, or a drop after the operation. */
async function applyFault(
  fault: FaultAction | undefined,
  request: Request,
): Promise<{ response?: Response; afterCommit?: boolean }> {
  if (!fault) return {};
  switch (fault.kind) {
    case "respond":
      return { response: fault.response };
    case "reset":
      throw new TypeError("fetch failed: the connection was reset (injected reset fault)");
    case "after-commit":
      return { afterCommit: true };
    case "delay":
      await sleep(fault.ms, request.signal);
      return {};
  }
}
