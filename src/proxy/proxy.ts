/**
 * `createLambdaProxy`: a `Request -> Response` handler that forwards the allowed operations
 * of the Lambda Cloud API with the server's key, so that browsers never hold it.
 */
import { admitCaller, type Exchange, readKeyFor } from "./caller-steps.js";
import { ProxyRejection, rejectionResponse } from "./errors.js";
import { forward } from "./forward.js";
import { AUDIT_PATH, LIVE_INSTANCES_PATH } from "./gateway/contract.js";
import { addProxyHeaders } from "./headers.js";
import { readJsonObjectBody } from "./json-body.js";
import { type LambdaProxyOptions, type ProxySettings, resolveProxyOptions } from "./options.js";
import { checkRequestTarget, requestTargetOf } from "./path-guard.js";
import { createRouteResolver, type ResolvedRoute } from "./route.js";
import { answerThroughGateway, gatewayOf, isWatchesPath, serveGatewayPath, serveWatches } from "./through-gateway.js";

/**
 * A fetch handler: the same function serves Workers, `Deno.serve`, `Bun.serve` and Node (through
 * `toNodeListener`). The third argument is a Worker's context, or a `ServeContext` from the server
 * (`{ clientAddress }`).
 */
export type ProxyHandler = (request: Request, env?: unknown, ctx?: unknown) => Promise<Response>;

/**
 * Creates the proxy handler. Options are checked here, so a misconfiguration fails at
 * startup with a `TypeError` rather than on the first request.
 * @example
 * // Cloudflare Worker: reads only, key from the LAMBDA_API_KEY secret.
 * import { fromBinding } from "lambda-cloud";
 * import { createLambdaProxy } from "lambda-cloud/proxy";
 * export default { fetch: createLambdaProxy({ apiKey: (env) => fromBinding(env) }) };
 */
export function createLambdaProxy(options: LambdaProxyOptions): ProxyHandler {
  const settings = resolveProxyOptions(options);
  const resolveRoute = createRouteResolver(settings.basePath, settings.allowed);

  return async (request, env, ctx) => {
    const started = Date.now();
    const requestId = crypto.randomUUID();
    const exchange: Exchange = { requestId, operation: null, secrets: [], detail: undefined };
    let response: Response;
    let code: string | null = null;
    try {
      response = await handle(settings, resolveRoute, request, env, ctx, exchange);
    } catch (error) {
      const rejection = error instanceof ProxyRejection ? error : unexpected(error);
      code = rejection.code;
      exchange.detail = rejection.options.detail ?? exchange.detail;
      response = rejectionResponse(rejection, requestId);
    }
    settings.cors.decorate(
      response.headers,
      request,
      settings.trust.ownOrigin(request),
      request.method === "OPTIONS" && code === null,
    );
    addProxyHeaders(response.headers, requestId);
    const record = {
      time: new Date(started).toISOString(),
      requestId,
      method: request.method,
      operation: exchange.operation,
      status: response.status,
      durationMs: Date.now() - started,
      code,
      ...(exchange.detail === undefined ? {} : { detail: exchange.detail }),
    };
    settings.log(record, exchange.secrets);
    return response;
  };
}

async function handle(
  settings: ProxySettings,
  resolveRoute: (method: string, url: URL) => ResolvedRoute,
  request: Request,
  env: unknown,
  ctx: unknown,
  exchange: Exchange,
): Promise<Response> {
  checkRequestTarget(requestTargetOf(request));
  if (!settings.cors.admits(request, settings.trust.ownOrigin(request))) {
    throw new ProxyRejection(
      403,
      "proxy/unauthorized",
      "Requests from this origin are not allowed.",
      "Call the proxy from an origin listed in its cors option.",
      { detail: "origin not allowed" },
    );
  }
  if (request.method === "OPTIONS") return new Response(null, { status: 204 });

  const url = new URL(request.url);
  if (settings.gatewayFor !== undefined && (url.pathname === AUDIT_PATH || url.pathname === LIVE_INSTANCES_PATH)) {
    return serveGatewayPath(settings, settings.gatewayFor, { request, env, ctx }, url, exchange);
  }
  if (settings.gatewayFor !== undefined && isWatchesPath(url.pathname))
    return serveWatches(settings, settings.gatewayFor, { request, env, ctx }, url, exchange);
  const route = resolveRoute(request.method, url);
  const { operation } = route;
  exchange.operation = operation.id;
  // With a gateway, reads are admitted by the gateway's global limit and cost the API nothing
  // when cached, so the per-caller limit counts only what is scarce: writes (and the audit).
  const counted = settings.gatewayFor === undefined || operation.access !== "read";
  const routed = { request, env, ctx };
  const callerId = await admitCaller(
    settings,
    routed,
    { operation: operation.id, access: operation.access },
    counted,
    exchange,
  );
  const body = operation.hasBody
    ? await readJsonObjectBody(request, settings.maxBodyBytes)
    : await discardBody(request);
  const key = await readKeyFor(settings, routed, exchange);
  if (settings.gatewayFor !== undefined) {
    const gateway = gatewayOf(settings.gatewayFor, env);
    const { secrets, requestId } = exchange;
    return answerThroughGateway({ gateway, route, request, body, caller: callerId, key, secrets, requestId });
  }
  return forward({
    upstream: settings.upstream,
    fetch: settings.fetch,
    route,
    request,
    body,
    key,
    secrets: exchange.secrets,
  });
}

/** Operations without a body never forward one; whatever was sent is dropped unread. */
async function discardBody(request: Request): Promise<undefined> {
  await request.body?.cancel().catch(() => undefined);
  return undefined;
}

function unexpected(error: unknown): ProxyRejection {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  return new ProxyRejection(
    500,
    "proxy/internal-error",
    "The proxy failed while handling the request.",
    "Try again; if it persists, report it with the request id.",
    { detail: `unexpected ${what}` },
  );
}
