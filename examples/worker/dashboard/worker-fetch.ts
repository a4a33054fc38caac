/** Requests to the Worker's own routes (`/api/session`, the audit trail, the live feed), with the dashboard token when the tab has one. */
import { dashboardToken } from "./credentials.js";

/** `fetch` of a same-origin Worker route, adding `Authorization: Bearer <dashboard token>` when there is one. */
export function workerFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = dashboardToken();
  if (token) headers.set("authorization", `Bearer ${token}`);
  return fetch(new URL(path, location.origin), { ...init, headers });
}
