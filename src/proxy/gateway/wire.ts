/**
 * The internal hop between a front Worker and its gateway Durable Object: how a
 * {@link GatewayRequest} (and the key it is to be made with) travels as a `Request` to the
 * object's `fetch`, and how the object reads it back. The key travels only on this hop, in the
 * {@link WIRE_KEY_HEADER} header of a request that never leaves Cloudflare; the object uses it
 * for upstream calls and never stores it.
 */
import { type OperationRoute, operationRoutes } from "../../operations.js";
import type { GatewayPriority, GatewayRequest, WatchCall } from "./contract.js";

/** The origin of every hop request; it names no host on the internet. */
const WIRE_ORIGIN = "https://lambda-gateway.internal";
/** Header carrying the API key to the object. */
export const WIRE_KEY_HEADER = "x-lambda-gateway-key";
const OPERATION_HEADER = "x-lambda-gateway-operation";
const PATH_HEADER = "x-lambda-gateway-path";
const CALLER_HEADER = "x-lambda-gateway-caller";
const PRIORITY_HEADER = "x-lambda-gateway-priority";
const IDEMPOTENCY_KEY_HEADER = "x-lambda-gateway-idempotency-key";
const REQUEST_ID_HEADER = "x-lambda-gateway-request-id";

/** The three calls of the `Gateway` interface, by hop path. */
const HANDLE = "/handle";
const AUDIT = "/audit";
const LIVE = "/live";
const WATCHES = "/watches";

/** A hop request as the object reads it. */
export type WireCall =
  | { readonly kind: "handle"; readonly request: GatewayRequest; readonly key: string }
  | { readonly kind: "audit"; readonly query: URLSearchParams; readonly key: string }
  | { readonly kind: "live"; readonly key: string }
  | { readonly kind: "watches"; readonly call: WatchCall; readonly key: string };

/** The hop request for `gateway.handle(request, key)`. */
export function handleCall(request: GatewayRequest, key: string, signal?: AbortSignal): Request {
  const headers = new Headers({
    [WIRE_KEY_HEADER]: key,
    [OPERATION_HEADER]: request.operation.id,
    [PATH_HEADER]: request.path,
    [PRIORITY_HEADER]: request.priority,
  });
  if (request.caller !== undefined) headers.set(CALLER_HEADER, encodeURIComponent(request.caller));
  if (request.idempotencyKey !== undefined)
    headers.set(IDEMPOTENCY_KEY_HEADER, encodeURIComponent(request.idempotencyKey));
  if (request.requestId !== undefined) headers.set(REQUEST_ID_HEADER, request.requestId);
  return new Request(`${WIRE_ORIGIN}${HANDLE}`, {
    method: "POST",
    headers,
    body: request.body as Uint8Array<ArrayBuffer> | undefined,
    signal,
  });
}

/** The hop request for `gateway.audit(query, key)`. */
export function auditCall(query: URLSearchParams, key: string): Request {
  const search = query.toString();
  return new Request(`${WIRE_ORIGIN}${AUDIT}${search ? `?${search}` : ""}`, { headers: { [WIRE_KEY_HEADER]: key } });
}

/** The hop request for `gateway.live(key)`. */
export function liveCall(key: string, signal?: AbortSignal): Request {
  return new Request(`${WIRE_ORIGIN}${LIVE}`, { headers: { [WIRE_KEY_HEADER]: key }, signal });
}

/** The hop request for `gateway.watches(call, key)`: the watch's id in the path, the method and body as sent. */
export function watchesCall(call: WatchCall, key: string): Request {
  const headers = new Headers({ [WIRE_KEY_HEADER]: key });
  if (call.caller !== undefined) headers.set(CALLER_HEADER, encodeURIComponent(call.caller));
  if (call.idempotencyKey !== undefined) headers.set(IDEMPOTENCY_KEY_HEADER, encodeURIComponent(call.idempotencyKey));
  const path = call.id === undefined ? WATCHES : `${WATCHES}/${encodeURIComponent(call.id)}`;
  return new Request(`${WIRE_ORIGIN}${path}`, {
    method: call.method,
    headers,
    body: call.body as Uint8Array<ArrayBuffer> | undefined,
  });
}

/** Why a hop request could not be read: a front Worker and an object of different versions, or a request from elsewhere. */
export class WireError extends Error {
  override readonly name = "WireError";
}

/**
 * Reads a hop request back.
 * @throws {WireError} naming what is missing or malformed.
 */
export async function readCall(request: Request): Promise<WireCall> {
  const url = new URL(request.url);
  const key = request.headers.get(WIRE_KEY_HEADER);
  if (!key) throw new WireError(`the hop request has no ${WIRE_KEY_HEADER} header`);
  if (url.pathname === AUDIT && request.method === "GET") return { kind: "audit", query: url.searchParams, key };
  if (url.pathname === LIVE && request.method === "GET") return { kind: "live", key };
  if (url.pathname === WATCHES || url.pathname.startsWith(`${WATCHES}/`)) {
    const id = url.pathname === WATCHES ? undefined : decodeURIComponent(url.pathname.slice(WATCHES.length + 1));
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    const caller = decoded(request.headers.get(CALLER_HEADER));
    const idempotencyKey = decoded(request.headers.get(IDEMPOTENCY_KEY_HEADER));
    return {
      kind: "watches",
      key,
      call: { method: request.method, id, body: body?.byteLength ? body : undefined, caller, idempotencyKey },
    };
  }
  if (url.pathname !== HANDLE || request.method !== "POST")
    throw new WireError(`no hop call is ${request.method} ${url.pathname}`);
  const body = new Uint8Array(await request.arrayBuffer());
  return {
    kind: "handle",
    key,
    request: {
      operation: operationOf(request.headers.get(OPERATION_HEADER)),
      path: pathOf(request.headers.get(PATH_HEADER)),
      body: body.byteLength > 0 ? body : undefined,
      caller: decoded(request.headers.get(CALLER_HEADER)),
      priority: priorityOf(request.headers.get(PRIORITY_HEADER)),
      idempotencyKey: decoded(request.headers.get(IDEMPOTENCY_KEY_HEADER)),
      requestId: request.headers.get(REQUEST_ID_HEADER) ?? undefined,
    },
  };
}

function operationOf(id: string | null): OperationRoute {
  if (id === null || !Object.hasOwn(operationRoutes, id))
    throw new WireError(`${OPERATION_HEADER} names no operation: ${JSON.stringify(id)}`);
  return operationRoutes[id as keyof typeof operationRoutes];
}

function pathOf(path: string | null): string {
  if (path === null || !path.startsWith("/") || path.startsWith("//"))
    throw new WireError(`${PATH_HEADER} must be a path under the API's base URL, got ${JSON.stringify(path)}`);
  return path;
}

function priorityOf(priority: string | null): GatewayPriority {
  if (priority === "interactive" || priority === "background") return priority;
  throw new WireError(`${PRIORITY_HEADER} must be "interactive" or "background", got ${JSON.stringify(priority)}`);
}

function decoded(value: string | null): string | undefined {
  return value === null ? undefined : decodeURIComponent(value);
}
