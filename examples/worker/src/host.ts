/**
 * The Worker's defence against DNS rebinding: under `wrangler dev` on 127.0.0.1, a page on
 * `rebind.attacker.example` whose name now resolves to 127.0.0.1 would otherwise reach the
 * Worker as a same-origin caller. Every `/api/*` request must carry a Host the Worker answers
 * to: an IP address, `localhost`, a `*.workers.dev` name, or one listed in `ALLOWED_HOSTS`
 * (a custom domain such as dash.example.com). On Cloudflare the edge routes only the Worker's
 * own names here, so the check passes every real request.
 */
import { checkHost } from "lambda-cloud/proxy";
import { commaList } from "./comma-list.js";
import type { Env } from "./env.js";

/** Names below `workers.dev`, where Cloudflare serves the Worker without a custom domain. */
const WORKERS_DEV = ".workers.dev";

/** A `421 proxy/host-not-allowed` answer for a request whose Host the Worker does not answer to, else `undefined` (and the request's origin counts as the Worker's own). */
export function refuseForeignHost(request: Request, env: Env): Response | undefined {
  return checkHost(request, [WORKERS_DEV, ...commaList(env.ALLOWED_HOSTS)], {
    suggestion:
      "Call the Worker by its address (e.g. http://127.0.0.1:8787) or its workers.dev name; to serve it under another name (a custom domain), add that name to the ALLOWED_HOSTS var in wrangler.toml.",
  });
}
