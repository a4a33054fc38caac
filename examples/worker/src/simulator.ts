/**
 * The offline upstream: the simulator from lambda-cloud/testing, seeded with a small demo
 * account. It runs inside the gateway object when one is bound (so every isolate sees the same
 * account), else inside the Worker's isolate. It accepts only the key the Worker holds (the
 * configured one, or a fixed placeholder), so the proxy's key path is the same as with the real
 * API. State lives as long as the object (or isolate).
 */
import { type KeyProvider, readKey } from "lambda-cloud";
import { createSimulator, type Simulator } from "lambda-cloud/testing";
import { ConfigurationError } from "./configuration-error.js";
import type { Env } from "./env.js";

/** The base URL the proxy forwards to in simulator mode; `.invalid` never resolves, so nothing can leak out. */
export const SIMULATOR_BASE_URL = "https://simulator.invalid/api/v1";

/** Boot time of simulated instances when `SIMULATOR_BOOT_MS` is not set. */
export const DEFAULT_BOOT_MS = 20_000;

/** Simulators of this isolate, by the key they accept (one in practice). */
const simulators = new Map<string, Simulator>();

/**
 * The isolate's simulator that accepts `apiKey`, created and seeded on first use.
 * @param bootMs How long simulated instances take to boot (and to terminate).
 */
export function demoSimulator(apiKey: string, bootMs: number): Simulator {
  let simulator = simulators.get(apiKey);
  if (!simulator) {
    simulator = createSimulator({ apiKeys: [apiKey], seed: 1, bootMs, clock: "real" });
    seedDemoAccount(simulator);
    simulators.set(apiKey, simulator);
  }
  return simulator;
}

/** Two SSH keys and two running instances, with capacity pinned where the demo launches. */
function seedDemoAccount(simulator: Simulator): void {
  const { state } = simulator;
  state.addSSHKey({ name: "laptop" });
  state.addSSHKey({ name: "ci-runner" });
  state.setCapacity("gpu_1x_a10", "us-west-1", 4);
  state.setCapacity("gpu_1x_h100_pcie", "us-east-1", 2);
  state.launchInstance({
    name: "trainer",
    instance_type_name: "gpu_1x_a10",
    region_name: "us-west-1",
    ssh_key_names: ["laptop"],
  });
  state.launchInstance({
    name: "inference",
    instance_type_name: "gpu_1x_h100_pcie",
    region_name: "us-east-1",
    ssh_key_names: ["laptop"],
  });
  simulator.clock.advance(simulator.settings.bootMs);
}

/** The key the simulator accepts when none is configured; it is no secret, and never leaves the Worker (the simulator's URL is `.invalid`). */
export const SIMULATOR_PLACEHOLDER_KEY = "simulator-placeholder-key";

/**
 * `SIMULATOR_BOOT_MS`, or the default.
 * @throws {ConfigurationError} when it is not a whole number of milliseconds.
 */
export function bootMsFrom(env: Env): number {
  const setting = (env.SIMULATOR_BOOT_MS ?? "").trim();
  if (setting === "") return DEFAULT_BOOT_MS;
  const bootMs = Number(setting);
  if (!Number.isSafeInteger(bootMs) || bootMs < 0) {
    throw new ConfigurationError(
      `SIMULATOR_BOOT_MS must be a whole number of milliseconds, such as "20000"; got ${JSON.stringify(setting)}.`,
    );
  }
  return bootMs;
}

/** The key the simulator is to accept: the one the proxy will send. */
export async function readKeyForSimulator(provider: KeyProvider): Promise<string> {
  try {
    return await readKey(provider);
  } catch (error) {
    throw new ConfigurationError(`the API key could not be read for the simulator (${(error as Error).message}).`);
  }
}
