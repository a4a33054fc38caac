/**
 * Lists the instance types that have capacity; with --launch, also launches the cheapest one,
 * waits until it is active, and terminates it.
 *
 *   LAMBDA_API_KEY=… node examples/node.ts [--launch]
 *
 * Node 22.18+ and 24 run TypeScript as it is (on 22.6–22.17 add --experimental-strip-types).
 * Set LAMBDA_API_BASE to use another API, e.g. the simulator (`npx lambda-cloud-simulator`
 * prints its base URL). In your own project: `npm install lambda-cloud`.
 */
import { LambdaCloudClient } from "lambda-cloud";
import { launchWaitTerminate, listAvailableTypes } from "./list-and-launch.ts";

// The key is read from LAMBDA_API_KEY when each request is made.
const client = new LambdaCloudClient({ baseUrl: process.env.LAMBDA_API_BASE });
const available = await listAvailableTypes(client);
if (process.argv.includes("--launch")) await launchWaitTerminate(client, available);
