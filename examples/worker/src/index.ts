/**
 * The sample Worker's entry. `/api/v1/*`, the audit trail and the live feed go to the
 * lambda-cloud proxy (with the key held here, and the key's gateway object behind it, which this
 * module exports too), `/api/session` tells the dashboard what it may do, and everything else is the
 * dashboard's static assets. An `/api/*` request on a Host the Worker does not answer to gets 421
 * (host.ts, against DNS rebinding). Every other `/api/*` response says which upstream answered in the
 * `x-lambda-cloud-upstream` header (`simulator` or `api`).
 */
import { type App, appFor } from "./app.js";
import { ConfigurationError, misconfiguredResponse } from "./configuration-error.js";
import type { Env } from "./env.js";
import { refuseForeignHost } from "./host.js";
import { SESSION_PATH, sessionResponse } from "./session.js";
import { UPSTREAM_HEADER } from "./upstream.js";

export { LambdaGateway } from "./gateway.js";

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname !== "/api" && !pathname.startsWith("/api/")) {
      return env.ASSETS ? env.ASSETS.fetch(request) : new Response("Not found", { status: 404 });
    }
    const foreign = refuseForeignHost(request, env);
    if (foreign) return foreign;
    let app: App;
    try {
      app = await appFor(env);
    } catch (error) {
      if (error instanceof ConfigurationError) return misconfiguredResponse(error);
      throw error;
    }
    const response =
      pathname === SESSION_PATH ? await sessionResponse(request, app) : await app.proxy(request, env, ctx);
    const tagged = new Response(response.body, response);
    tagged.headers.set(UPSTREAM_HEADER, app.upstream);
    return tagged;
  },
} satisfies ExportedHandler<Env>;
