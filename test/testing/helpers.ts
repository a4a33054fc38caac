// Shared setup of the simulator suites: a simulator on a manual clock, a real client on its
// fetch, and a random sentinel key that must never show up anywhere.
import { type InstanceLaunchRequest, LambdaCloudClient, type LambdaCloudClientOptions } from "../../src/index";
import { createSimulator, type Simulator, type SimulatorOptions } from "../../src/testing/index";

export const BASE_URL = "http://sim.test/api/v1";

export interface Harness {
  readonly sim: Simulator;
  readonly client: LambdaCloudClient;
  readonly key: string;
}

/** A simulator (manual clock unless overridden) and a client of it with a random key, rate limiting off. */
export function harness(options: SimulatorOptions = {}, clientOptions: LambdaCloudClientOptions = {}): Harness {
  const key = `lc-sentinel-${crypto.randomUUID()}`;
  const sim = createSimulator({ apiKeys: [key], clock: "manual", ...options });
  const client = new LambdaCloudClient({
    apiKey: key,
    fetch: sim.fetch,
    baseUrl: BASE_URL,
    rateLimit: false,
    ...clientOptions,
  });
  return { sim, client, key };
}

/** Adds an SSH key and gives the usual A10 in us-west-1 capacity, returning a launch request that succeeds. */
export function launchable(sim: Simulator, keyName = "laptop"): InstanceLaunchRequest {
  if (!sim.state.sshKeys().some((key) => key.name === keyName)) sim.state.addSSHKey({ name: keyName });
  sim.state.setCapacity("gpu_1x_a10", "us-west-1", 5);
  return { region_name: "us-west-1", instance_type_name: "gpu_1x_a10", ssh_key_names: [keyName] };
}

/** Sends a raw request to the simulator, for shapes the client refuses to send. */
export function raw(sim: Simulator, path: string, init: RequestInit & { key?: string | null } = {}): Promise<Response> {
  const { key, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (key) headers.set("authorization", `Bearer ${key}`);
  if (rest.body !== undefined) headers.set("content-type", "application/json");
  return sim.fetch(`${BASE_URL}${path}`, { ...rest, headers });
}

/** Whether a text contains the key, without ever printing the key in an assertion message. */
export function leaks(text: string, key: string): boolean {
  return text.includes(key) || text.includes(btoa(`${key}:`));
}
