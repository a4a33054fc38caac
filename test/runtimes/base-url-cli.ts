// Prints the base URL a client built without the baseUrl option uses, as a JSON last line:
// run by base-url.test.ts in Deno and Bun to show that LAMBDA_CLOUD_BASE_URL is read there.
import { LambdaCloudClient } from "lambda-cloud";

console.log(JSON.stringify({ baseUrl: new LambdaCloudClient({ apiKey: "unused" }).baseUrl }));
