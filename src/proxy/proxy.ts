/**
 * `createLambdaProxy`: a `Request -> Response` handler that forwards the allowed operations
 * of the Lambda Cloud API with the server's key, so that browsers never hold it.
 */
import { authorizeRequest } from "./authorize.js";
import { readBodyWithin } from "./body-limit.js";
import { ProxyRejection, rejectionResponse } from "./errors.js";
import { forward } from "./forward.js";
import { addProxyHeaders } from "./headers.js";
import { readProxyKey } from "./key.js";
import { type LambdaProxyOptions, type ProxySettings, resolveProxyOptions } from "./options.js";
import type { Gateway } from "./gateway/contract.js";
import { checkRequestTarget, requestTargetOf } from "./path-guard.js";
import { enforceRateLimit, rateLimitKeyOf } from "./rate-limit.js";
import { createRouteResolver, type ResolvedRoute } from "./route.js";
import { secretForms } from "../transport/redact.js";
import { AUDIT_PATH, LIVE_INSTANCES_PATH } from "./gateway/contract.js";
import { answerAudit, answerLive, answerThroughGateway } from "./through-gateway.js";

/** A fetch handler: the same function serves Workers, `Deno.serve`, `Bun.serve` and Node (through `toNodeListener`). */
export type ProxyHandler = (request: Request, env?: unknown, ctx?: unknown) => Promise<Response>;

/** What the pipeline learns about one request, for its log record. */
interface Exchange {
  readonly requestId: string;
  operation: string | null;
  secrets: readonly string[];
  detail: string | undefined;
}

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

  return async (request, env) => {
    const started = Date.now();
    const requestId = crypto.randomUUID();
    const exchange: Exchange = { requestId, operation: null, secrets: [], detail: undefined };
    let response: Response;
    let code: string | null = null;
    try {
      response = await handle(settings, resolveRoute, request, env, exchange);
    } catch (error) {
      const rejection = error instanceof ProxyRejection ? error : unexpected(error);
      code = rejection.code;
      exchange.detail = rejection.options.detail ?? exchange.detail;
      response = rejectionResponse(rejection, requestId);
    }
    settings.cors.decorate(response.headers, request, request.method === "OPTIONS" && code === null);
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
  exchange: Exchange,
): Promise<Response> {
  checkRequestTarget(requestTargetOf(request));
  if (!settings.cors.admits(request)) {
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
    return serveGatewayPath(settings, settings.gatewayFor, request, url, env, exchange);
  }
  const route = resolveRoute(request.method, url);
  const { operation } = route;
  exchange.operation = operation.id;
  const callerId = settings.authorize
    ? await authorizeRequest(settings.authorize, request, env, { operation: operation.id, access: operation.access })
    : undefined;
  // With a gateway, reads are admitted by the gateway's global limit and cost the API nothing
  // when cached, so the per-caller limit counts only what is scarce: writes (and the audit).
  const counted = settings.gatewayFor === undefined || operation.access !== "read";
  if (settings.rateLimit && counted) exchange.detail = await enforceRateLimit(settings.rateLimit, rateLimitKeyOf(request, callerId), env);
  const body = operation.hasBody ? await readBodyWithin(request, settings.maxBodyBytes) : await discardBody(request);
  const key = await readProxyKey(settings.keyProviderFor, env, request.signal);
  exchange.secrets = secretForms(key.key);
  if (settings.gatewayFor !== undefined) {
    const gateway = gatewayOf(settings.gatewayFor, env);
    return answerThroughGateway({ gateway, route, request, body, caller: callerId, key, secrets: exchange.secrets, requestId: exchange.requestId });
  }
  return forward({ upstream: settings.upstream, fetch: settings.fetch, route, request, body, key, secrets: exchange.secrets });
}

/**
 * Serves the gateway's own paths: the audit trail (authorized like a write) and the live feed
 * of the instance list (authorized like `listInstances`, which the proxy must allow).
 */
async function serveGatewayPath(
  settings: ProxySettings,
  gatewayFor: (env: unknown) => Gateway,
  request: Request,
  url: URL,
  env: unknown,
  exchange: Exchange,
): Promise<Response> {
  const isAudit = url.pathname === AUDIT_PATH;
  exchange.operation = isAudit ? GATEWAY_AUDIT_OPERATION : "liveInstances";
  if (request.method !== "GET") {
    throw new ProxyRejection(405, "proxy/method-not-allowed", "This path accepts only GET.", "Use GET.", { headers: { allow: "GET" } });
  }
  if (!isAudit && !settings.allowed.some((operation) => operation.id === "listInstances")) {
    throw new ProxyRejection(404, "proxy/route-not-allowed", "listInstances is not allowed by this proxy, so neither is its live feed.", "Allow listInstances to serve the live feed.");
  }
  if (isAudit && url.search !== "" && [...url.searchParams.keys()].some((name) => name !== "limit" && name !== "cursor")) {
    throw new ProxyRejection(400, "proxy/route-not-allowed", "The audit trail takes only the query parameters limit and cursor.", "Remove the other query parameters.");
  }
  const context = isAudit ? ({ operation: GATEWAY_AUDIT_OPERATION, access: "write" } as const) : ({ operation: "listInstances", access: "read" } as const);
  const callerId = settings.authorize ? await authorizeRequest(settings.authorize, request, env, context) : undefined;
  if (settings.rateLimit && isAudit) exchange.detail = await enforceRateLimit(settings.rateLimit, rateLimitKeyOf(request, callerId), env);
  const key = await readProxyKey(settings.keyProviderFor, env, request.signal);
  exchange.secrets = secretForms(key.key);
  const gateway = gatewayOf(gatewayFor, env);
  return isAudit ? answerAudit(gateway, url, key, exchange.secrets) : answerLive(gateway, request, key, exchange.secrets);
}

/** The operation name `authorize` is told for `GET /api/audit`. */
const GATEWAY_AUDIT_OPERATION = "readAuditTrail";

function gatewayOf(gatewayFor: (env: unknown) => Gateway, env: unknown): Gateway {
  try {
    return gatewayFor(env);
  } catch (error) {
    throw new ProxyRejection(503, "proxy/gateway-unavailable", "The proxy's gateway for this key could not be reached.", "Try again shortly.", {
      detail: `gateway function threw ${(error as Error)?.name ?? typeof error}`,
    });
  }
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
