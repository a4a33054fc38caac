/**
 * Lists the instance types that have capacity; with --launch, also launches the cheapest one,
 * waits until it is active, and terminates it.
 *
 *   LAMBDA_API_KEY=… deno run --allow-env=LAMBDA_API_KEY,LAMBDA_API_BASE --allow-net=cloud.lambda.ai examples/deno.ts [--launch]
 *
 * Those are the only permissions it needs: two variables and one host (with LAMBDA_API_BASE
 * pointing elsewhere, e.g. at the simulator, allow that host instead). In your own project:
 * `deno add npm:lambda-cloud`.
 */
import { LambdaCloudClient } from "lambda-cloud";
import { launchWaitTerminate, listAvailableTypes } from "./list-and-launch.ts";

// The key is read from LAMBDA_API_KEY (through Deno.env) when each request is made.
const client = new LambdaCloudClient({ baseUrl: Deno.env.get("LAMBDA_API_BASE") });
const available = await listAvailableTypes(client);
if (Deno.args.includes("--launch")) await launchWaitTerminate(client, available);
