/** The lambda-cloud client, pointed at the Worker's proxy. It never holds a Lambda Cloud key. */
import { LambdaCloudClient } from "lambda-cloud";
import { AnswerAges } from "./answer-age.js";
import { dashboardToken } from "./credentials.js";

/** The proxy's path on this origin. */
export const API_BASE_PATH = "/api/v1";

/** The client and the ages of its answers. */
export interface DashboardClient {
  readonly client: LambdaCloudClient;
  readonly ages: AnswerAges;
}

/**
 * A client whose base URL is this origin's proxy. Its credential is the dashboard token when the
 * tab has one (the proxy checks it, then replaces it with the real key); without a token it
 * sends no Authorization header at all.
 */
export function createDashboardClient(): DashboardClient {
  const ages = new AnswerAges();
  const client = new LambdaCloudClient({
    baseUrl: `${location.origin}${API_BASE_PATH}`,
    apiKey: dashboardToken() ?? false,
    fetch: ages.fetch,
  });
  return { client, ages };
}
