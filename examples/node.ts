/**
 * Lists the instance types that have capacity; with --launch, also launches the cheapest one,
 * waits until it is active, and terminates it.
 *
 *   LAMBDA_API_KEY=… node examples/node.ts [--launch]
 *
 * Node 22.18+ and 24 run TypeScript as it is (on 22.6–22.17 add --experimental-strip-types).
 * Set LAMBDA_CLOUD_BASE_URL to use another API, e.g. the simulator (`npx lambda-cloud-simulator`
 * prints its base URL). In your own project, install the package as the README says.
 */
import { LambdaCloudClient } from "lambda-cloud";
import { launchWaitTerminate, listAvailableTypes } from "./list-and-launch.ts";

// The key is read from LAMBDA_API_KEY when each request is made, the base URL from
// LAMBDA_CLOUD_BASE_URL (the real API when it is unset).
const client = new LambdaCloudClient();
const available = await listAvailableTypes(client);
if (process.argv.includes("--launch")) await launchWaitTerminate(client, available);
