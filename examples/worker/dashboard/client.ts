/** The lambda-cloud client, pointed at the Worker's proxy. It never holds a Lambda Cloud key. */
import { LambdaCloudClient } from "lambda-cloud";
import { dashboardToken } from "./credentials.js";

/**
 * A client whose base URL is this origin's proxy. Its credential is the dashboard token when the
 * tab has one (the proxy checks it, then replaces it with the real key); without a token it
 * sends no Authorization header at all.
 */
export function createDashboardClient(): LambdaCloudClient {
  return new LambdaCloudClient({
    baseUrl: `${location.origin}/api/v1`,
    apiKey: dashboardToken() ?? false,
  });
}
