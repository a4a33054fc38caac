/**
 * `durableObjectGateway`: the {@link Gateway} a front Worker hands to `createLambdaProxy`. It
 * sends each call over the internal hop (./wire.ts) to the key's gateway object, named by a hash
 * of the key. When the object cannot be reached, writes are answered
 * `503 proxy/gateway-unavailable` (never guessed at), and reads go to the fallback gateway, if
 * one is given (an in-isolate gateway with its own limiter and cache).
 */
import { ProxyRejection } from "../errors.js";
import type { Gateway, GatewayRequest } from "./contract.js";
import { gatewayObjectName } from "./object-name.js";
import { auditCall, handleCall, liveCall } from "./wire.js";

/** What `durableObjectGateway` needs of a Durable Object stub: its `fetch`. */
export interface GatewayObjectStub {
  fetch(request: Request): Promise<Response>;
}

/** What `durableObjectGateway` needs of a Durable Object namespace binding (`env.LAMBDA_GATEWAY`). */
export interface GatewayNamespace<Id = unknown> {
  idFromName(name: string): Id;
  get(id: Id): GatewayObjectStub;
}

/** Options of {@link durableObjectGateway}. */
export interface DurableObjectGatewayOptions {
  /**
   * Answers reads (and the live feed) while the object cannot be reached, e.g. an in-isolate
   * gateway. Writes and the audit trail never fall back. @default none: reads are answered 503 too
   */
  readonly fallback?: Gateway | undefined;
}

/**
 * A gateway that runs in the key's Durable Object: one object per key across every isolate and
 * every front Worker bound to the same namespace.
 * @example
 * createLambdaProxy({ apiKey, gateway: durableObjectGateway(env.LAMBDA_GATEWAY) })
 */
export function durableObjectGateway(namespace: GatewayNamespace, options: DurableObjectGatewayOptions = {}): Gateway {
  const stubFor = async (key: string) => namespace.get(namespace.idFromName(await gatewayObjectName(key)));
  const { fallback } = options;
  return {
    async handle(request, key, signal) {
      const mayRetry = request.operation.access === "read" || request.idempotencyKey !== undefined;
      const failure = await reach(() => stubFor(key), (stub) => stub.fetch(handleCall(request, key, signal)), mayRetry);
      if (failure instanceof Response) return failure;
      if (request.operation.access === "read" && fallback) return fallback.handle(request, key, signal);
      throw unavailable(request, failure);
    },
    async audit(query, key) {
      const failure = await reach(() => stubFor(key), (stub) => stub.fetch(auditCall(query, key)), true);
      if (failure instanceof Response) return failure;
      throw unavailable(undefined, failure);
    },
    async live(key, signal) {
      const failure = await reach(() => stubFor(key), (stub) => stub.fetch(liveCall(key, signal)), true);
      if (failure instanceof Response) return failure;
      if (fallback) return fallback.live(key, signal);
      throw unavailable(undefined, failure);
    },
  };
}

/**
 * Makes one hop call; a failure the platform marks retryable (the object was reset or moved) is
 * tried once more when `mayRetry`. Resolves with the object's answer, or the error.
 */
async function reach(stub: () => Promise<GatewayObjectStub>, call: (stub: GatewayObjectStub) => Promise<Response>, mayRetry: boolean): Promise<Response | unknown> {
  try {
    return await call(await stub());
  } catch (error) {
    if (!mayRetry || (error as { retryable?: unknown })?.retryable !== true) return error;
    try {
      // A new stub: a broken one stays broken.
      return await call(await stub());
    } catch (again) {
      return again;
    }
  }
}

function unavailable(request: GatewayRequest | undefined, error: unknown): ProxyRejection {
  const write = request !== undefined && request.operation.access !== "read";
  const suggestion = write
    ? request.idempotencyKey === undefined
      ? "The write may or may not have been performed: check (for example, list the instances) before trying again."
      : "The write may or may not have been performed: retry with the same Idempotency-Key, and the gateway answers with the first outcome instead of performing it twice."
    : "Try again in a few seconds.";
  return new ProxyRejection(503, "proxy/gateway-unavailable", "The gateway that admits this key's API calls could not be reached.", suggestion, {
    headers: { "retry-after": "1" },
    detail: `gateway object unreachable (${error instanceof Error ? error.name : typeof error})`,
  });
}
