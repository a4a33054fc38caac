/**
 * `GET /api/session`, the Worker's own route (not an API operation): tells the dashboard
 * which upstream answers and whether this request may write, so that it shows the launch form
 * and terminate buttons only when they would work.
 */
import type { App } from "./app.js";
import type { SessionReport } from "./session-report.js";

/** The path of the session route. */
export const SESSION_PATH = "/api/session";

/** Answers the session route: GET (or HEAD) only. */
export async function sessionResponse(request: Request, app: App): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    return Response.json(
      { error: { code: "worker/method-not-allowed", message: `${SESSION_PATH} only answers GET.` } },
      { status: 405, headers: { allow: "GET, HEAD", "cache-control": "no-store" } },
    );
  }
  const { identify, kinds } = app.authorization;
  const caller = identify === undefined ? undefined : await identify(request);
  const report: SessionReport = {
    upstream: app.upstream,
    authorized: caller !== false,
    writes: caller !== undefined && caller !== false && caller.writes,
    authorizers: kinds,
  };
  return Response.json(report, { headers: { "cache-control": "no-store", "x-content-type-options": "nosniff" } });
}
