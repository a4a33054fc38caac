/**
 * The body of `GET /api/session`, shared by the Worker (which answers it) and the dashboard
 * (which reads it). Types only, so the dashboard's bundle gains nothing from importing it.
 */
export interface SessionReport {
  /** `"simulator"`: the in-process simulator answers; `"api"`: a real Lambda Cloud API does. */
  readonly upstream: "simulator" | "api";
  /** Whether this request passed the Worker's authorizer (always true when none is configured). */
  readonly authorized: boolean;
  /** Whether launch, terminate and the other writes are allowed for this request. */
  readonly writes: boolean;
  /** The configured authorizers: `"token"` (DASHBOARD_TOKEN) and/or `"access"` (Cloudflare Access). */
  readonly authorizers: readonly ("token" | "access")[];
}
