/**
 * `createWatches`: the capacity watches of one key's gateway. It answers the watch paths (list,
 * start, read, cancel), keeps every watch in its {@link WatchStore}, and runs the due ones
 * (./watch-step.ts) whenever its host wakes it: a Durable Object's alarm, or a timer in one
 * process. Runs take no request, so the key comes from `keyForRuns` (the object reads it from its
 * own env and checks its hash against the one recorded when the first watch started); every call
 * goes through the gateway, within the key's shared budget.
 */
import { operationRoutes, resourceFreshnessMs } from "../../operations.js";
import { ProxyRejection, rejectionResponse } from "../errors.js";
import { parseJsonObject } from "../json-body.js";
import { type Gateway, IDEMPOTENT_REPLAY_HEADER, type WatchCall } from "./contract.js";
import { gatewayObjectName } from "./object-name.js";
import { createSerializer } from "./serializer.js";
import { checkWatchSpec, isActive, newWatch, type Watch } from "./watch.js";
import { stepWatch, type WatchAnswer, type WatchRead, type WatchRun } from "./watch-step.js";
import type { WatchStore } from "./watch-store.js";

/** Options of {@link createWatches}. */
export interface WatchesOptions {
  /** The gateway every call of a watch goes through. */
  readonly gateway: Pick<Gateway, "handle">;
  /** Where watches are kept, e.g. `sqliteWatchStore(ctx.storage.sql)` or `memoryWatchStore()`. */
  readonly store: WatchStore;
  /**
   * The key to run watches with when no request brings one, or `undefined` when there is none.
   * It must be the key the watches were started with: runs check its hash against the recorded one.
   */
  readonly keyForRuns: () => Promise<string | undefined>;
  /** Asks the host to call {@link Watches.run} at `at` (epoch ms) or soon after, e.g. `ctx.storage.setAlarm(at)`. */
  readonly wakeAt: (at: number) => void | Promise<void>;
  /** The clock, in epoch milliseconds. @default Date.now */
  readonly now?: (() => number) | undefined;
  /** Milliseconds between a watch's polls of availability. @default 10_000 (the freshness of instance types) */
  readonly pollIntervalMs?: number | undefined;
  /** How long a launch with an unknown outcome is looked for by its tag. @default 60_000 */
  readonly reconcileMs?: number | undefined;
  /** The most watches running at once. @default 10 */
  readonly maxActive?: number | undefined;
  /**
   * Told once when a watch ends (launched, gave up or failed; not when cancelled), after it is
   * saved; what it resolves with is recorded as the watch's `webhook`, e.g. {@link postToWebhook}.
   * @default none
   */
  readonly notify?: ((watch: Watch) => Promise<string>) | undefined;
}

/** The capacity watches of one gateway. */
export interface Watches {
  /** Answers a request to the watch paths, made with `key`. */
  serve(call: WatchCall, key: string): Promise<Response>;
  /** Runs every due watch once, then asks to be woken for the next one. */
  run(): Promise<void>;
  /** Asks to be woken for the next due watch, e.g. when an object starts again after a restart. */
  resume(): Promise<void>;
}

/**
 * Creates the capacity watches of a gateway.
 * @example
 * ```ts
 * const watches = createWatches({ gateway, store: memoryWatchStore(), keyForRuns: async () => key, wakeAt: wakeOnTimer(() => watches.run()) });
 * ```
 */
export function createWatches(options: WatchesOptions): Watches {
  const { gateway, store, keyForRuns, wakeAt } = options;
  const now = options.now ?? Date.now;
  const pollIntervalMs = options.pollIntervalMs ?? resourceFreshnessMs["instance-types"];
  const reconcileMs = options.reconcileMs ?? 60_000;
  const maxActive = options.maxActive ?? 10;
  const serialize = createSerializer();

  /** Saves a watch unless it was cancelled meanwhile. */
  const save = async (watch: Watch) => {
    if ((await store.get(watch.id))?.state === "cancelled") return false;
    await store.put(watch);
    return true;
  };

  const runWith = (key: string, caller: string): WatchRun => {
    const ask = async (
      operationId: WatchRead | "launchInstance",
      body: unknown,
      idempotencyKey?: string,
    ): Promise<WatchAnswer> => {
      const operation = operationRoutes[operationId];
      const request = {
        operation,
        path: operation.path,
        body: body === undefined ? undefined : new TextEncoder().encode(JSON.stringify(body)),
        caller,
        // A watch waits for what it asked for, as a viewer does: a background read would be
        // answered from a stale copy while it revalidates, one poll late.
        priority: "interactive",
        idempotencyKey,
      } as const;
      const answer = await gateway.handle(request, key);
      return { status: answer.status, body: await answer.text() };
    };
    return {
      read: (operationId) => ask(operationId, undefined),
      launch: (body, idempotencyKey) => ask("launchInstance", body, idempotencyKey),
      now,
      pollIntervalMs,
      reconcileMs,
      save,
    };
  };

  const scheduleNext = async () => {
    const next = Math.min(...(await store.list()).filter(isActive).map((watch) => watch.next_run_at));
    if (Number.isFinite(next)) await wakeAt(next);
  };

  const run = () =>
    serialize(async () => {
      const due = (await store.list()).filter((watch) => isActive(watch) && watch.next_run_at <= now()).reverse();
      if (due.length > 0) {
        const key = await usableKey();
        for (const watch of due) {
          const caller = `watch ${watch.id} (started by ${watch.created_by})`;
          // A run that failed after it stored its launch continues from the stored `launching`, so that the launch is looked for, never sent again.
          const after = key.ok
            ? await stepWatch(watch, runWith(key.key, caller)).catch(async (error: unknown) =>
                failedRun((await store.get(watch.id)) ?? watch, error),
              )
            : stopped(watch, key.why);
          if ((await save(after)) && !isActive(after) && options.notify)
            await save({ ...after, webhook: await options.notify(after).catch(notSent) });
        }
      }
      await scheduleNext();
    });

  const failedRun = (watch: Watch, error: unknown): Watch => ({
    ...watch,
    error: `The run failed (${error instanceof Error ? error.name : typeof error}); trying again.`,
    next_run_at: now() + pollIntervalMs,
  });
  // A watch in `launching` keeps its state, so that its tag is looked for once the key is back.
  const stopped = (watch: Watch, why: string): Watch =>
    watch.state === "launching"
      ? { ...watch, error: why, next_run_at: now() + pollIntervalMs }
      : { ...watch, state: "failed", error: why };

  const usableKey = async (): Promise<{ ok: true; key: string } | { ok: false; why: string }> => {
    const key = await keyForRuns().catch(() => undefined);
    if (key === undefined)
      return {
        ok: false,
        why: "The gateway has no API key to run watches with while no request is made; see docs/gateway.md, Capacity watches.",
      };
    if ((await gatewayObjectName(key)) !== (await store.keyHash()))
      return { ok: false, why: "The API key changed since the watch started; start it again." };
    return { ok: true, key };
  };

  const handlers = {
    async list() {
      return json(200, { data: await store.list() });
    },
    async read(id: string) {
      return json(200, { data: await found(id) });
    },
    async start(call: WatchCall, key: string) {
      const spec = checkWatchSpec(parseJsonObject(call.body));
      await checkSSHKey(runWith(key, call.caller ?? "anonymous"), spec.ssh_key_name);
      const repeated =
        call.idempotencyKey === undefined
          ? undefined
          : (await store.list()).find((watch) => watch.idempotency_key === call.idempotencyKey);
      if (repeated !== undefined) return json(200, { data: repeated }, { [IDEMPOTENT_REPLAY_HEADER]: "true" });
      await store.setKeyHash(await gatewayObjectName(key));
      if ((await keyForRuns().catch(() => undefined)) !== key) {
        throw new ProxyRejection(
          503,
          "proxy/gateway-unavailable",
          "The gateway cannot read this API key while no request is made, so it cannot run a watch.",
          "Give the gateway object the key from its own environment (see docs/gateway.md, Capacity watches).",
        );
      }
      if ((await store.list()).filter(isActive).length >= maxActive) {
        throw new ProxyRejection(
          409,
          "proxy/watch-conflict",
          `At most ${maxActive} watches may run at once.`,
          "Cancel a watch, or wait for one to finish.",
        );
      }
      const watch = newWatch(spec, call.caller ?? "anonymous", call.idempotencyKey ?? null, now());
      await store.put(watch);
      await wakeAt(watch.next_run_at);
      return json(201, { data: watch });
    },
    async cancel(id: string) {
      const watch = await found(id);
      if (watch.state !== "watching") {
        const why =
          watch.state === "launching"
            ? "its launch is in flight, and its outcome decides"
            : `it has already ${watch.state === "gave-up" ? "given up" : `been ${watch.state}`}`;
        throw new ProxyRejection(
          409,
          "proxy/watch-conflict",
          `The watch cannot be cancelled: ${why}.`,
          "List the watches to see how it ended.",
        );
      }
      const cancelled: Watch = { ...watch, state: "cancelled", error: null };
      await store.put(cancelled);
      return json(200, { data: cancelled });
    },
  };

  const found = async (id: string) => {
    const watch = await store.get(id);
    if (watch === undefined)
      throw new ProxyRejection(
        404,
        "proxy/watch-not-found",
        "No watch has this id.",
        "List the watches with GET /api/watches.",
      );
    return watch;
  };

  return {
    async serve(call, key) {
      try {
        if (call.id === undefined && call.method === "GET") return await handlers.list();
        if (call.id === undefined && call.method === "POST") return await handlers.start(call, key);
        if (call.id !== undefined && call.method === "GET") return await handlers.read(call.id);
        if (call.id !== undefined && call.method === "DELETE") return await handlers.cancel(call.id);
        const allow = call.id === undefined ? "GET, POST" : "GET, DELETE";
        throw new ProxyRejection(
          405,
          "proxy/method-not-allowed",
          `${call.method} is not allowed here; it takes ${allow}.`,
          `Use ${allow}.`,
          { headers: { allow } },
        );
      } catch (error) {
        if (error instanceof ProxyRejection) return rejectionResponse(error, crypto.randomUUID());
        throw error;
      }
    },
    run,
    resume: () => serialize(scheduleNext),
  };
}

/**
 * Refuses a watch whose SSH key the account does not have, which would otherwise fail only when
 * capacity appears, maybe hours later. When the keys cannot be read, the watch is not held up.
 * @throws {ProxyRejection} 400 `proxy/bad-request` naming the key.
 */
async function checkSSHKey(run: WatchRun, name: string): Promise<void> {
  const answer = await run.read("listSSHKeys");
  if (answer.status !== 200) return;
  const keys = (JSON.parse(answer.body) as { data: { name: string }[] }).data;
  if (!keys.some((key) => key.name === name)) {
    throw new ProxyRejection(
      400,
      "proxy/bad-request",
      `The watch cannot be started: the account has no SSH key named ${JSON.stringify(name)}.`,
      "Pick one of the account's SSH keys, or add it first.",
    );
  }
}

function notSent(error: unknown): string {
  return `not sent: ${error instanceof TypeError ? error.message : "the notifier failed"}`;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}
