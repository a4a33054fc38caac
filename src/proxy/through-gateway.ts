/**
 * The proxy's side of a gateway: after the proxy's checks, a request is answered by the
 * gateway instead of forwarded, and the gateway's own paths (the audit trail, the live feed)
 * are served. Every answer still goes through the proxy's filtering (header allowlist, key
 * scrubbing); CORS and the proxy's headers are added by the pipeline as for any answer.
 */

import { admitCaller, type Exchange, type RoutedRequest, readKeyFor } from "./caller-steps.js";
import { ProxyRejection } from "./errors.js";
import { passBack, upstreamPathOf } from "./forward.js";
import {
  AUDIT_PATH,
  CACHE_STATUS_HEADER,
  type Gateway,
  IDEMPOTENCY_HEADER,
  IDEMPOTENT_REPLAY_HEADER,
  REFRESH_HEADER,
  WATCHES_PATH,
} from "./gateway/contract.js";
import { readJsonObjectBody } from "./json-body.js";
import type { ProxyKey } from "./key.js";
import type { ProxySettings } from "./options.js";
import type { ResolvedRoute } from "./route.js";
import { createEventScrubStream } from "./scrub-events.js";

/** The gateway's answer headers that pass the proxy's allowlist, beside the upstream's. */
export const GATEWAY_RESPONSE_HEADERS = ["age", CACHE_STATUS_HEADER, IDEMPOTENT_REPLAY_HEADER] as const;

/** An idempotency key: 1 to 255 visible ASCII characters (a UUID, typically). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** What one request through the gateway needs. */
export interface GatewayExchange {
  readonly gateway: Gateway;
  readonly route: ResolvedRoute;
  readonly request: Request;
  readonly body: Uint8Array | undefined;
  readonly caller: string | undefined;
  readonly key: ProxyKey;
  readonly secrets: readonly string[];
  readonly requestId: string;
}

/**
 * Answers a checked request through the gateway.
 * @throws {ProxyRejection} 400 for a malformed `Idempotency-Key`, 503 `proxy/gateway-unavailable` when the gateway fails.
 */
export async function answerThroughGateway({
  gateway,
  route,
  request,
  body,
  caller,
  key,
  secrets,
  requestId,
}: GatewayExchange): Promise<Response> {
  const idempotencyKey = checkedIdempotencyKey(request);
  const answer = await askGateway(() =>
    gateway.handle(
      {
        operation: route.operation,
        path: upstreamPathOf(route),
        body,
        caller,
        priority: request.headers.get(REFRESH_HEADER) === "background" ? "background" : "interactive",
        idempotencyKey: route.operation.access === "read" ? undefined : idempotencyKey,
        requestId,
      },
      key.key,
      request.signal,
    ),
  );
  if (answer.status === 401) key.provider.invalidate?.();
  return passBack(answer, secrets, GATEWAY_RESPONSE_HEADERS);
}

/**
 * The request's `Idempotency-Key`, if it has one.
 * @throws {ProxyRejection} 400 `proxy/invalid-idempotency-key` when it is malformed.
 */
function checkedIdempotencyKey(request: Request): string | undefined {
  const idempotencyKey = request.headers.get(IDEMPOTENCY_HEADER) ?? undefined;
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new ProxyRejection(
      400,
      "proxy/invalid-idempotency-key",
      "The Idempotency-Key header must be 1 to 255 visible ASCII characters.",
      "Send a fresh random id per user action, e.g. crypto.randomUUID().",
    );
  }
  return idempotencyKey;
}

/** The operation name `authorize` is told for `GET /api/audit`. */
const AUDIT_OPERATION = "readAuditTrail";

/**
 * Serves the gateway's own paths: the audit trail (authorized and rate-limited like a write)
 * and the live feed of the instance list (authorized like `listInstances`, which the proxy
 * must allow).
 * @throws {ProxyRejection} 405 for a method other than GET, 404 when listInstances is not allowed, 400 for unknown audit parameters.
 */
export async function serveGatewayPath(
  settings: ProxySettings,
  gatewayFor: (env: unknown) => Gateway,
  routed: RoutedRequest,
  url: URL,
  exchange: Exchange,
): Promise<Response> {
  const { request, env } = routed;
  const isAudit = url.pathname === AUDIT_PATH;
  exchange.operation = isAudit ? AUDIT_OPERATION : "liveInstances";
  if (request.method !== "GET") {
    throw new ProxyRejection(405, "proxy/method-not-allowed", "This path accepts only GET.", "Use GET.", {
      headers: { allow: "GET" },
    });
  }
  if (!isAudit && !settings.allowed.some((operation) => operation.id === "listInstances")) {
    throw refused(
      404,
      "listInstances is not allowed by this proxy, so neither is its live feed.",
      "Allow listInstances to serve the live feed.",
    );
  }
  if (isAudit && [...url.searchParams.keys()].some((name) => name !== "limit" && name !== "cursor")) {
    throw refused(
      400,
      "The audit trail takes only the query parameters limit and cursor.",
      "Remove the other query parameters.",
    );
  }
  const context = isAudit
    ? ({ operation: AUDIT_OPERATION, access: "write" } as const)
    : ({ operation: "listInstances", access: "read" } as const);
  await admitCaller(settings, routed, context, isAudit, exchange);
  const key = await readKeyFor(settings, routed, exchange);
  const gateway = gatewayOf(gatewayFor, env);
  if (isAudit) return passBack(await askGateway(() => gateway.audit(url.searchParams, key.key)), exchange.secrets);
  return answerLive(gateway, request, key, exchange.secrets);
}

/** The operation names `authorize` is told for the watch paths, by method. */
const WATCH_OPERATIONS: Readonly<Record<string, string>> = {
  GET: "listWatches",
  POST: "createWatch",
  DELETE: "cancelWatch",
};

/** Whether a path is one of the capacity watches' (`/api/watches`, `/api/watches/{id}`). */
export function isWatchesPath(pathname: string): boolean {
  return pathname === WATCHES_PATH || pathname.startsWith(`${WATCHES_PATH}/`);
}

/**
 * Serves the capacity watches' paths: listing and reading are authorized like reads, starting
 * and cancelling like writes (and counted against the per-caller limit). Starting one needs
 * the proxy to allow launchInstance, since a watch launches.
 * @throws {ProxyRejection} 404 when the gateway has no watches or launchInstance is not allowed, 405 for a method other than GET, POST and DELETE.
 */
export async function serveWatches(
  settings: ProxySettings,
  gatewayFor: (env: unknown) => Gateway,
  routed: RoutedRequest,
  url: URL,
  exchange: Exchange,
): Promise<Response> {
  const { request, env } = routed;
  const operation = WATCH_OPERATIONS[request.method];
  if (operation === undefined) {
    throw new ProxyRejection(
      405,
      "proxy/method-not-allowed",
      `${request.method} is not allowed on ${url.pathname}.`,
      "Use GET, POST or DELETE.",
      {
        headers: { allow: "GET, POST, DELETE" },
      },
    );
  }
  const id =
    url.pathname === WATCHES_PATH ? undefined : decodeURIComponent(url.pathname.slice(WATCHES_PATH.length + 1));
  exchange.operation = operation;
  const gateway = gatewayOf(gatewayFor, env);
  if (gateway.watches === undefined || !settings.allowed.some((allowed) => allowed.id === "launchInstance")) {
    throw refused(
      404,
      "This proxy runs no capacity watches (its gateway has none, or it does not allow launchInstance).",
      "Use a gateway with watches, such as the Durable Object's.",
    );
  }
  const access = request.method === "GET" ? "read" : "write";
  const caller = await admitCaller(settings, routed, { operation, access }, access === "write", exchange);
  const body = request.method === "POST" ? await readJsonObjectBody(request, settings.maxBodyBytes) : undefined;
  const key = await readKeyFor(settings, routed, exchange);
  const watches = gateway.watches.bind(gateway);
  const idempotencyKey = checkedIdempotencyKey(request);
  return passBack(
    await askGateway(() => watches({ method: request.method, id, body, caller, idempotencyKey }, key.key)),
    exchange.secrets,
    GATEWAY_RESPONSE_HEADERS,
  );
}

/**
 * The gateway for this request's `env`.
 * @throws {ProxyRejection} 503 `proxy/gateway-unavailable` when the gateway function throws.
 */
export function gatewayOf(gatewayFor: (env: unknown) => Gateway, env: unknown): Gateway {
  try {
    return gatewayFor(env);
  } catch (error) {
    throw unavailable(`gateway function threw ${(error as Error)?.name ?? typeof error}`);
  }
}

/** The gateway's event stream, scrubbed event by event. */
async function answerLive(
  gateway: Gateway,
  request: Request,
  key: ProxyKey,
  secrets: readonly string[],
): Promise<Response> {
  const answer = await askGateway(() => gateway.live(key.key, request.signal));
  if (answer.body === null || !answer.headers.get("content-type")?.startsWith("text/event-stream"))
    return passBack(answer, secrets);
  const headers = new Headers({ "content-type": "text/event-stream; charset=utf-8" });
  return new Response(answer.body.pipeThrough(createEventScrubStream(secrets)), { status: answer.status, headers });
}

function refused(status: 400 | 404, message: string, suggestion: string): ProxyRejection {
  return new ProxyRejection(status, "proxy/route-not-allowed", message, suggestion);
}

function unavailable(detail: string): ProxyRejection {
  return new ProxyRejection(
    503,
    "proxy/gateway-unavailable",
    "The proxy's gateway for this key could not be reached.",
    "Try again shortly. A write may have been performed: repeat it with the same Idempotency-Key, which is safe, or check first.",
    { detail },
  );
}

async function askGateway(ask: () => Promise<Response>): Promise<Response> {
  try {
    return await ask();
  } catch (error) {
    throw unavailable(`gateway failed (${(error as Error)?.name ?? typeof error})`);
  }
}
