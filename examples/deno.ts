/**
 * Lists the instance types that have capacity; with --launch, also launches the cheapest one,
 * waits until it is active, and terminates it.
 *
 *   LAMBDA_API_KEY=… deno run --allow-env=LAMBDA_API_KEY --allow-net=cloud.lambda.ai examples/deno.ts [--launch]
 *
 * Those are the only permissions it needs: one variable and one host. To use the simulator,
 * set LAMBDA_CLOUD_BASE_URL and allow it and its host instead:
 * `--allow-env=LAMBDA_API_KEY,LAMBDA_CLOUD_BASE_URL --allow-net=127.0.0.1:8788`. In your own
 * project, install the package as the README says.
 */
import { LambdaCloudClient } from "lambda-cloud";
import { launchWaitTerminate, listAvailableTypes } from "./list-and-launch.ts";

// The key is read from LAMBDA_API_KEY (through Deno.env) when each request is made, the base URL
// from LAMBDA_CLOUD_BASE_URL when --allow-env grants it (else the real API).
const client = new LambdaCloudClient();
const available = await listAvailableTypes(client);
if (Deno.args.includes("--launch")) await launchWaitTerminate(client, available);
