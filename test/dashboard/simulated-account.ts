// A simulated account for the dashboard's DOM tests: the lambda-cloud simulator in process, read
// through the real client, so that views render the API's real shapes.
import { LambdaCloudClient } from "lambda-cloud";
import { createSimulator, DEFAULT_SIMULATOR_API_KEY, type Simulator } from "lambda-cloud/testing";

/** A simulator with a manual clock, and a client that talks to it without rate limiting. */
export function simulatedAccount(): { simulator: Simulator; client: LambdaCloudClient } {
  const simulator = createSimulator({ seed: 7, bootMs: 60_000 });
  const client = new LambdaCloudClient({ apiKey: DEFAULT_SIMULATOR_API_KEY, fetch: simulator.fetch, rateLimit: false });
  return { simulator, client };
}
