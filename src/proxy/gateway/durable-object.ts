/**
 * The gateway as a Durable Object: one object per key (named by a hash of the key, see
 * ./object-name.ts) runs the gateway engine with its idempotency records and audit trail in the
 * object's SQLite storage. Front Workers reach it with `durableObjectGateway(env.BINDING)` over
 * the internal hop of ./wire.ts. A plain class (`constructor(ctx, env)` and `fetch`), so that
 * this module imports nothing from `cloudflare:workers` and loads in every runtime.
 */
import { ProxyRejection, rejectionResponse } from "../errors.js";
import type { Gateway } from "./contract.js";
import { createGatewayEngine, type GatewayEngineOptions } from "./engine.js";
import { type SqlExecutor, settleOrphanedClaims, sqliteStore } from "./sqlite-store.js";
import type { GatewayStore, StoredAnswer } from "./store.js";
import { createWatches, type Watches } from "./watch-runner.js";
import { sqliteWatchStore } from "./watch-store.js";
import { wakeOnTimer } from "./watch-timer.js";
import { postToWebhook } from "./watch-webhook.js";
import { readCall, WireError } from "./wire.js";

/** What the gateway object needs of its `DurableObjectState`: SQLite storage, and alarms for capacity watches. */
export interface GatewayObjectState {
  /** The object's storage: its SQLite database and its alarm. */
  readonly storage: {
    readonly sql: SqlExecutor;
    /** Sets the object's alarm (`alarm()` is called then); without it, watches wake on a timer while the object lives. */
    setAlarm?(scheduledTime: number): Promise<void> | void;
  };
}

/** What the object needs beyond where the API is. */
export interface GatewayObjectSettings<Env> {
  /**
   * The API key from the object's own `env` (a secret binding, a Secrets Store), read when a
   * capacity watch runs on an alarm, with no request to bring the key. Runs check that its
   * SHA-256 name is the one recorded when the watch started, and the key is never stored.
   * Without it, starting a watch answers 503.
   * @default none: no capacity watches
   * @example
   * defineGatewayObject(configure, { watchKey: (env: Env) => env.LAMBDA_API_KEY })
   */
  readonly watchKey?: ((env: Env) => string | undefined | Promise<string | undefined>) | undefined;
  /**
   * A URL (a secret) to post a watch's record to when it launches, gives up or fails; see
   * `postToWebhook`. A URL that is not https is recorded on the watch as not sent.
   * @default none
   */
  readonly watchWebhook?: ((env: Env) => string | undefined) | undefined;
}

/** Where the object sends API calls: the engine's options other than its store. @default the Lambda Cloud API with the global fetch */
export type GatewayObjectOptions = Omit<GatewayEngineOptions, "store">;

/** A Durable Object class for the gateway, as a Worker exports it. */
export interface GatewayObjectClass<Env> {
  /** Builds the object from its Durable Object state and the Worker's `env`, as the runtime does. */
  new (ctx: GatewayObjectState, env: Env): { fetch(request: Request): Promise<Response>; alarm(): Promise<void> };
}

/**
 * Makes the gateway's Durable Object class; `configure` says, from the object's `env` and the key
 * it serves, where the API is. It is called once per object, when its first request arrives; the
 * key is for choosing (a placeholder key may mean a simulator, say), never for storing.
 * @example
 * // worker.ts; wrangler.toml binds LAMBDA_GATEWAY to class LambdaGateway (new_sqlite_classes)
 * export const LambdaGateway = defineGatewayObject((env: Env) => ({ upstream: env.UPSTREAM }));
 */
export function defineGatewayObject<Env>(
  configure: (env: Env, key: string) => GatewayObjectOptions | Promise<GatewayObjectOptions> = () => ({}),
  settings: GatewayObjectSettings<Env> = {},
): GatewayObjectClass<Env> {
  return class LambdaGatewayObject {
    readonly #gateway: (key: string) => Promise<Gateway>;
    readonly #recovered: Promise<void>;
    readonly #watches: Watches;

    constructor(ctx: GatewayObjectState, env: Env) {
      // Created now, so that a store that cannot open fails the object's first request loudly.
      const store = sqliteStore(ctx.storage.sql);
      this.#recovered = recoverOrphanedWrites(ctx.storage.sql, store);
      // A restarted object does not know when its previous run last called the API: it starts
      // serving one request interval after it was created, so that its first call cannot land
      // too close behind that one.
      const started = new Promise((resolve) => setTimeout(resolve, RESTART_GUARD_MS));
      let gateway: Promise<Gateway> | undefined;
      this.#gateway = (key) =>
        (gateway ??= started
          .then(() => configure(env, key))
          .then((options) => createGatewayEngine({ ...options, store })));
      const { watchKey, watchWebhook } = settings;
      const webhook = watchWebhook?.(env);
      const wakeOnTimerInstead = wakeOnTimer(() => watches.run());
      const watches = createWatches({
        gateway: { handle: async (request, key, signal) => (await this.#gateway(key)).handle(request, key, signal) },
        store: sqliteWatchStore(ctx.storage.sql),
        keyForRuns: async () => (watchKey === undefined ? undefined : await watchKey(env)),
        wakeAt: (at) => (ctx.storage.setAlarm ? ctx.storage.setAlarm(at) : wakeOnTimerInstead(at)),
        notify: webhook ? async (watch) => postToWebhook(webhook)(watch) : undefined,
      });
      this.#watches = watches;
      // An alarm outlives a restart, but a run cut off mid-launch may not have set the next one.
      void this.#recovered.then(() => watches.resume()).catch(() => undefined);
    }

    /** Runs the due capacity watches (the platform calls it at the time set with `setAlarm`). */
    async alarm(): Promise<void> {
      await this.#recovered;
      await this.#watches.run();
    }

    async fetch(request: Request): Promise<Response> {
      try {
        const call = await readCall(request);
        await this.#recovered;
        const gateway = await this.#gateway(call.key);
        if (call.kind === "audit") return await gateway.audit(call.query, call.key);
        if (call.kind === "live") return await gateway.live(call.key, request.signal);
        if (call.kind === "watches") return await this.#watches.serve(call.call, call.key);
        return await gateway.handle(call.request, call.key, request.signal);
      } catch (error) {
        if (error instanceof ProxyRejection) return rejectionResponse(error, crypto.randomUUID());
        // Anything else is a bug or a broken store: the front answers it as an error, never as a success.
        if (error instanceof WireError)
          return hopError(400, `The gateway object could not read the request: ${error.message}.`);
        return hopError(500, `The gateway object failed: ${error instanceof Error ? error.name : typeof error}.`);
      }
    }
  };
}

/** How long a newly started object holds its first API call: a little over the API's one request per second. */
const RESTART_GUARD_MS = 1_100;

/** What a duplicate of a write orphaned by a restart is answered: never performed again. */
const ORPHANED_WRITE_ANSWER: StoredAnswer = {
  status: 502,
  headers: [["content-type", "application/json"]],
  body: JSON.stringify({
    error: {
      code: "proxy/launch-outcome-unknown",
      message:
        "The gateway restarted while this write was being performed: it may or may not have reached the Lambda Cloud API.",
      suggestion:
        "Check (for example, list your instances) before trying again; the gateway will not send this request again.",
    },
  }),
};

/**
 * Settles the writes a previous run of the object claimed and never answered (it was evicted,
 * restarted or redeployed mid-write): each becomes `outcome-unknown`, so a retry with its
 * idempotency key is answered instead of re-sent, and gets an audit record saying so.
 */
async function recoverOrphanedWrites(sql: SqlExecutor, store: GatewayStore): Promise<void> {
  const now = Date.now();
  for (const { key, fingerprint } of settleOrphanedClaims(sql, ORPHANED_WRITE_ANSWER, now)) {
    await store.appendAudit({
      time: new Date(now).toISOString(),
      caller: "unknown (the gateway restarted mid-write)",
      operation: fingerprint.slice(0, fingerprint.indexOf(":")),
      ids: [],
      status: null,
      outcome: "outcome-unknown",
      idempotencyKey: key,
    });
  }
}

function hopError(status: number, message: string): Response {
  const suggestion =
    status === 400
      ? "Deploy the front Worker and the gateway object from the same version of lambda-cloud."
      : "Try again; if it persists, check the gateway Worker's logs.";
  return rejectionResponse(
    new ProxyRejection(status, "proxy/internal-error", message, suggestion),
    crypto.randomUUID(),
  );
}

/**
 * The gateway object for the Lambda Cloud API itself, ready to export from a Worker.
 * @example
 * export { LambdaGateway } from "lambda-cloud/proxy/durable-object";
 */
export const LambdaGateway: GatewayObjectClass<unknown> = defineGatewayObject();
