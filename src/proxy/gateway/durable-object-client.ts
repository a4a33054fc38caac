/**
 * `durableObjectGateway`: the {@link Gateway} a front Worker hands to `createLambdaProxy`. It
 * sends each call over the internal hop (./wire.ts) to the key's gateway object, named by a hash
 * of the key. When the object cannot be reached, the error reaches the proxy, which answers
 * `503 proxy/gateway-unavailable` (a write is never guessed at or re-sent without its
 * idempotency key); reads and the live feed go to the fallback gateway instead, if one is given
 * (an in-isolate gateway with its own limiter and cache).
 */
import type { Gateway } from "./contract.js";
import { gatewayObjectName } from "./object-name.js";
import { auditCall, handleCall, liveCall, watchesCall } from "./wire.js";

/** What `durableObjectGateway` needs of a Durable Object stub: its `fetch`. */
export interface GatewayObjectStub {
  /** Sends `request` to the Durable Object. */
  fetch(request: Request): Promise<Response>;
}

/** What `durableObjectGateway` needs of a Durable Object namespace binding (`env.LAMBDA_GATEWAY`). */
export interface GatewayNamespace<Id = unknown> {
  /** The id of the object named `name`. */
  idFromName(name: string): Id;
  /** The stub of the object with that `id`. */
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
      const failure = await reach(
        () => stubFor(key),
        (stub) => stub.fetch(handleCall(request, key, signal)),
        mayRetry,
      );
      if (failure instanceof Response) return failure;
      if (request.operation.access === "read" && fallback) return fallback.handle(request, key, signal);
      throw failure;
    },
    async audit(query, key) {
      const failure = await reach(
        () => stubFor(key),
        (stub) => stub.fetch(auditCall(query, key)),
        true,
      );
      if (failure instanceof Response) return failure;
      throw failure;
    },
    async live(key, signal) {
      const failure = await reach(
        () => stubFor(key),
        (stub) => stub.fetch(liveCall(key, signal)),
        true,
      );
      if (failure instanceof Response) return failure;
      if (fallback) return fallback.live(key, signal);
      throw failure;
    },
    async watches(call, key) {
      const failure = await reach(
        () => stubFor(key),
        (stub) => stub.fetch(watchesCall(call, key)),
        call.method === "GET",
      );
      if (failure instanceof Response) return failure;
      throw failure;
    },
  };
}

/**
 * Makes one hop call; a failure the platform marks retryable (the object was reset or moved) is
 * tried once more when `mayRetry` (reads, and writes the object deduplicates by their
 * idempotency key). Resolves with the object's answer, or the error.
 */
async function reach(
  stub: () => Promise<GatewayObjectStub>,
  call: (stub: GatewayObjectStub) => Promise<Response>,
  mayRetry: boolean,
): Promise<Response | unknown> {
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
