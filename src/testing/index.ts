/**
 * lambda-cloud/testing: a stateful, in-memory Lambda Cloud for tests: every operation with the
 * API's rules (capacity, quotas, rate limits, lifecycle on a manual clock), scripted faults, and
 * `serve` to put it on a real port. Its `fetch` plugs into the client or the proxy. This module
 * only re-exports; see each file for the code.
 *
 * @module
 * @example
 * ```ts
 * import { LambdaCloudClient } from "lambda-cloud";
 * import { createSimulator } from "lambda-cloud/testing";
 * const sim = createSimulator({ apiKeys: ["test-key"], clock: "manual" });
 * const client = new LambdaCloudClient({ apiKey: "test-key", fetch: sim.fetch, baseUrl: "http://sim/api/v1", rateLimit: false });
 * ```
 */

export { type AccountFixture, AccountFixtureError, type CapacityFixture, DEMO_ACCOUNT } from "./account.js";
export { ADMIN_PREFIX } from "./admin.js";
export { type CapacityScriptEntry, CapacityScriptError } from "./capacity-script.js";
export { CAPACITY_PERIOD_MS, INSTANCE_TYPES, REGIONS } from "./catalog.js";
export { type ClockKind, MANUAL_CLOCK_START, type SimulatorClock } from "./clock.js";
export { type Problem, SimulatorApiError } from "./envelope.js";
export { FAULT_KINDS, type FaultKind, type FaultSpec, type Faults, type PendingFault } from "./faults.js";
export { LAUNCH_INTERVAL_MS, REQUEST_INTERVAL_MS } from "./rate-limit.js";
export { SCARCE_DEFAULTS, type ScarceOptions } from "./scarce.js";
export { type ServedSimulator, type ServeOptions, serve } from "./serve.js";
export {
  createSimulator,
  DEFAULT_SIMULATOR_API_KEY,
  type Simulator,
  type SimulatorOptions,
  type SimulatorSettings,
} from "./simulator.js";
export type { SimulatorState, StateSnapshot } from "./state.js";
export type { Quotas } from "./store.js";
export { toStrictSchema } from "./strict-schema.js";
export type { TrafficSnapshot } from "./traffic.js";
