/**
 * The offline upstream: the simulator from lambda-cloud/testing, running inside the Worker's
 * isolate, seeded with a small demo account. It accepts only the key the Worker holds (the
 * configured one, or a random one made per isolate), so the proxy's key path is the same as
 * with the real API. State lives as long as the isolate.
 */
import { createSimulator, type Simulator } from "lambda-cloud/testing";

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
  state.launchInstance({ name: "trainer", instance_type_name: "gpu_1x_a10", region_name: "us-west-1", ssh_key_names: ["laptop"] });
  state.launchInstance({ name: "inference", instance_type_name: "gpu_1x_h100_pcie", region_name: "us-east-1", ssh_key_names: ["laptop"] });
  simulator.clock.advance(simulator.settings.bootMs);
}

/** A key for the simulator when none is configured: random per isolate, never stored. */
export function randomSimulatorKey(): string {
  return `simulator-${crypto.randomUUID()}`;
}
