// Capacity watches against the in-memory gateway and the real simulator, on fake timers (which
// drive the simulator's clock too): capacity appearing after some polls, a launch whose answer is
// lost (found by its tag, never sent again), a restart mid-launch, cancelling, giving up, and a
// key that changed. Every call goes through the gateway, with the simulator's rate limit on.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createWatches,
  type Gateway,
  memoryWatchStore,
  type Watch,
  type WatchStore,
} from "../../../src/proxy/index.js";
import { IDEMPOTENCY_TAG_KEY } from "../../../src/resources/idempotency.js";
import type { CapacityScriptEntry } from "../../../src/testing/index.js";
import { type GatewayHarness, gatewayHarness, settle } from "./helpers.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const LAUNCH = "/instance-operations/launch";
const H100 = "gpu_1x_h100_pcie";

/** A watch for an H100, preferring us-east-1 over us-west-1. */
const SPEC = {
  instance_types: [H100],
  regions: ["us-east-1", "us-west-1"],
  ssh_key_name: "laptop",
  name: "found-by-watch",
};

/** No H100 anywhere the watch looks, until `appearsAt` ms, when one unit appears in `region`. */
function h100Appearing(appearsAt: number, region = "us-west-1"): CapacityScriptEntry[] {
  const none = SPEC.regions.map((name) => ({ at: 0, type: H100, region: name, units: 0 }));
  return Number.isFinite(appearsAt) ? [...none, { at: appearsAt, type: H100, region, units: 1 }] : none;
}

interface WatchHarness extends GatewayHarness {
  readonly watchStore: WatchStore;
  /** The watches' own answer to a call, parsed. */
  ask(
    method: string,
    id?: string,
    body?: unknown,
  ): Promise<{ status: number; body: { data?: Watch; error?: { code: string; message: string } } }>;
  /** The watch with this id as stored now. */
  watch(id: string): Promise<Watch>;
  /** Runs the due watches now, to the end of the run (moving fake time while it waits for admission). */
  run(): Promise<void>;
  /** Moves fake time to the wake-up the watches asked for last, then runs them; returns the watch. */
  tick(id: string): Promise<Watch>;
  /** Ticks until `id` is in a final state or `ticks` ran; returns the watch. */
  untilFinal(id: string, ticks?: number): Promise<Watch>;
  /** A fresh runner over the same store and gateway (as a restarted object makes). */
  restart(): ReturnType<typeof createWatches>;
}

interface WatchHarnessOptions {
  readonly keyForRuns?: () => Promise<string | undefined>;
  readonly store?: WatchStore;
  readonly notify?: (watch: Watch) => Promise<string>;
  /** Wraps the gateway the watches call, e.g. to break the hop after a call. */
  readonly gateway?: (gateway: Gateway) => Pick<Gateway, "handle">;
}

function watchHarness(capacity: CapacityScriptEntry[], options: WatchHarnessOptions = {}): WatchHarness {
  const harness = gatewayHarness({ simulator: { capacity } });
  harness.sim.state.addSSHKey({ name: "laptop" });
  const watchStore = options.store ?? memoryWatchStore();
  // The test is the host: it records each wake-up asked for and runs the watches itself, so that
  // every run completes (WebCrypto digests included, which fake time does not drive) before time moves on.
  const wakes: number[] = [];
  const runner = () =>
    createWatches({
      gateway: options.gateway?.(harness.gateway) ?? harness.gateway,
      store: watchStore,
      keyForRuns: options.keyForRuns ?? (async () => harness.key),
      wakeAt: (at) => void wakes.push(at),
      notify: options.notify,
    });
  const watches = runner();
  const run = () => settle(watches.run());
  const watch = async (id: string) => (await watchStore.get(id)) as Watch;
  const tick = async (id: string) => {
    const wait = (wakes.at(-1) ?? Date.now()) - Date.now();
    if (wait > 0) await vi.advanceTimersByTimeAsync(wait);
    await run();
    return watch(id);
  };
  return {
    ...harness,
    watchStore,
    async ask(method, id, body) {
      const answer = await watches.serve(
        {
          method,
          id,
          body: body === undefined ? undefined : new TextEncoder().encode(JSON.stringify(body)),
          caller: "ada@example.com",
        },
        harness.key,
      );
      return { status: answer.status, body: await answer.json() };
    },
    watch,
    run,
    tick,
    async untilFinal(id, ticks = 50) {
      let current = await watch(id);
      for (let count = 0; count < ticks && (current.state === "watching" || current.state === "launching"); count++)
        current = await tick(id);
      return current;
    },
    restart: runner,
  };
}

describe("capacity watches (in-memory gateway, simulator with rate limit, fake timers)", () => {
  it("polls every 10 s until capacity appears, then launches it once, tagged, in the preferred order", async () => {
    const h = watchHarness(h100Appearing(45_000));
    const started = await h.ask("POST", undefined, SPEC);
    expect(started.status).toBe(201);
    const id = started.body.data!.id;
    for (let poll = 1; poll <= 5; poll++)
      expect(await h.tick(id)).toMatchObject({ state: "watching", polls: poll, last_seen: [] });
    expect(h.callsTo(LAUNCH, "POST")).toHaveLength(0);
    const after = await h.tick(id);
    expect(after).toMatchObject({ state: "launched", polls: 6, last_seen: [{ type: H100, region: "us-west-1" }] });
    const [instance] = h.sim.state.snapshot().instances;
    expect(after.instance_id).toBe(instance!.id);
    expect(instance).toMatchObject({
      name: "found-by-watch",
      tags: [{ key: IDEMPOTENCY_TAG_KEY, value: after.launch!.token }],
    });
    expect(h.callsTo(LAUNCH, "POST").map((call) => call.status)).toEqual([200]);
    // Six polls, 10 s apart, each one upstream call: the shared cache's copy was stale each time.
    const polls = h.callsTo("/instance-types").map((call) => call.time);
    expect(polls).toHaveLength(6);
    expect(
      polls
        .slice(1)
        .map((time, index) => time - polls[index]!)
        .every((gap) => gap >= 10_000 && gap < 11_000),
    ).toBe(true);
    // Finished: a run does nothing more.
    const calls = h.calls.length;
    await h.tick(id);
    expect(h.calls.length).toBe(calls);
    // Rate limit on throughout, and nothing refused.
    expect(h.calls.filter((call) => call.status === 429)).toEqual([]);
  });

  it("takes the first region in order of preference when several have capacity", async () => {
    const h = watchHarness([...h100Appearing(0, "us-west-1"), { at: 0, type: H100, region: "us-east-1", units: 1 }]);
    const { id } = (await h.ask("POST", undefined, SPEC)).body.data!;
    expect((await h.tick(id)).launch).toMatchObject({ region: "us-east-1", type: H100 });
  });

  it("finds a launch whose answer was lost (after-commit) by its tag, and never sends it again", async () => {
    const h = watchHarness(h100Appearing(0));
    h.sim.faults.add({ kind: "after-commit", path: LAUNCH });
    const { id } = (await h.ask("POST", undefined, SPEC)).body.data!;
    const watch = await h.untilFinal(id);
    expect(watch.state).toBe("launched");
    expect(h.callsTo(LAUNCH, "POST").map((call) => call.status)).toEqual([0]);
    expect(h.sim.state.snapshot().instances.map((instance) => instance.id)).toEqual([watch.instance_id]);
    expect(h.callsTo("/instances")).toHaveLength(1);
  });

  it("after a run that broke once its launch was sent (the hop failed), looks for the tag instead of launching again", async () => {
    const breakAfterLaunch = (gateway: Gateway): Pick<Gateway, "handle"> => ({
      async handle(request, key, signal) {
        const answer = await gateway.handle(request, key, signal);
        if (request.operation.id === "launchInstance") throw new Error("the hop broke after the launch");
        return answer;
      },
    });
    const h = watchHarness(h100Appearing(0), { gateway: breakAfterLaunch });
    const { id } = (await h.ask("POST", undefined, SPEC)).body.data!;
    expect(await h.tick(id)).toMatchObject({ state: "launching", error: "The run failed (Error); trying again." });
    const watch = await h.untilFinal(id);
    expect(watch.state).toBe("launched");
    expect(h.callsTo(LAUNCH, "POST")).toHaveLength(1);
    expect(h.sim.state.snapshot().instances.map((instance) => instance.id)).toEqual([watch.instance_id]);
  });

  it("after a restart with a launch in flight, looks for its tag before anything else: found, it is the result", async () => {
    const store = memoryWatchStore();
    const first = watchHarness(h100Appearing(0), { store });
    const { id } = (await first.ask("POST", undefined, SPEC)).body.data!;
    // As if the object stopped after recording the launch and sending it, before its answer.
    const watch = await first.watch(id);
    const token = "0123456789abcdef0123456789abcdef";
    first.sim.state.launchInstance({
      instance_type_name: H100,
      region_name: "us-west-1",
      ssh_key_names: ["laptop"],
      tags: [{ key: IDEMPOTENCY_TAG_KEY, value: token }],
    });
    await store.put({
      ...watch,
      state: "launching",
      launch: { token, type: H100, region: "us-west-1", sent_at: new Date().toISOString(), reconcile_until: null },
    });
    const restarted = first.restart();
    await settle(restarted.run());
    const after = await first.watch(id);
    expect(after.state).toBe("launched");
    expect(after.instance_id).toBe(first.sim.state.snapshot().instances[0]!.id);
    expect(first.callsTo("/instance-types")).toEqual([]);
    expect(first.callsTo(LAUNCH, "POST")).toEqual([]);
  });

  it("after a restart with a launch in flight that never arrived, fails at the end of the window naming the tag, and launches nothing", async () => {
    const h = watchHarness(h100Appearing(0));
    const { id } = (await h.ask("POST", undefined, SPEC)).body.data!;
    const token = "fedcba9876543210fedcba9876543210";
    await h.watchStore.put({
      ...(await h.watch(id)),
      state: "launching",
      launch: { token, type: H100, region: "us-west-1", sent_at: new Date().toISOString(), reconcile_until: null },
    });
    const after = await h.untilFinal(id);
    // Looked for every 5 s through the 60 s window, then gave the launch up as unknown.
    expect(h.callsTo("/instances").length).toBeGreaterThanOrEqual(12);
    expect(after.state).toBe("failed");
    expect(after.error).toContain(`${IDEMPOTENCY_TAG_KEY}=${token}`);
    expect(h.callsTo(LAUNCH, "POST")).toEqual([]);
    expect(h.sim.state.snapshot().instances).toEqual([]);
  });

  it("keeps going after losing a race (insufficient capacity when the launch arrived)", async () => {
    const h = watchHarness(h100Appearing(0));
    h.sim.faults.add({
      kind: "status",
      status: 400,
      code: "instance-operations/launch/insufficient-capacity",
      path: LAUNCH,
      times: 1,
    });
    const { id } = (await h.ask("POST", undefined, SPEC)).body.data!;
    const watch = await h.untilFinal(id);
    expect(watch).toMatchObject({ state: "launched", races_lost: 1 });
    expect(h.callsTo(LAUNCH, "POST").map((call) => call.status)).toEqual([400, 200]);
    expect(h.sim.state.snapshot().instances).toHaveLength(1);
  });

  it("stops polling when cancelled, and refuses to cancel a finished watch", async () => {
    const h = watchHarness(h100Appearing(Number.POSITIVE_INFINITY));
    const { id } = (await h.ask("POST", undefined, SPEC)).body.data!;
    for (let tick = 0; tick < 3; tick++) await h.tick(id);
    const cancelled = await h.ask("DELETE", id);
    expect(cancelled).toMatchObject({ status: 200, body: { data: { state: "cancelled", polls: 3 } } });
    const polls = h.callsTo("/instance-types").length;
    for (let tick = 0; tick < 3; tick++) await h.tick(id);
    expect(h.callsTo("/instance-types").length).toBe(polls);
    expect((await h.watch(id)).state).toBe("cancelled");
    expect(await h.ask("DELETE", id)).toMatchObject({ status: 409, body: { error: { code: "proxy/watch-conflict" } } });
    expect(await h.ask("DELETE", "no-such-watch")).toMatchObject({
      status: 404,
      body: { error: { code: "proxy/watch-not-found" } },
    });
  });

  it("gives up at its deadline", async () => {
    const h = watchHarness(h100Appearing(Number.POSITIVE_INFINITY));
    const { id } = (await h.ask("POST", undefined, { ...SPEC, give_up_after_minutes: 1 })).body.data!;
    const watch = await h.untilFinal(id);
    expect(watch).toMatchObject({ state: "gave-up", polls: 6, error: "No capacity matched within 1 minutes." });
    expect(Date.now() - Date.parse(watch.created_at)).toBeGreaterThanOrEqual(60_000);
    expect(h.callsTo(LAUNCH, "POST")).toEqual([]);
  });

  it("fails at its first poll when it names an instance type the API does not offer", async () => {
    const h = watchHarness(h100Appearing(0));
    const { id } = (await h.ask("POST", undefined, { ...SPEC, instance_types: ["gpu_1x_h100_pcie", "gpu_1x_h1OO"] }))
      .body.data!;
    expect(await h.tick(id)).toMatchObject({
      state: "failed",
      error: expect.stringContaining("no instance type named gpu_1x_h1OO"),
    });
    expect(h.callsTo(LAUNCH, "POST")).toEqual([]);
  });

  it("honours the price cap: capacity above it is not launched", async () => {
    const h = watchHarness(h100Appearing(0));
    const { id } = (await h.ask("POST", undefined, { ...SPEC, max_price_cents_per_hour: 100 })).body.data!;
    for (let tick = 0; tick < 3; tick++) await h.tick(id);
    expect(await h.watch(id)).toMatchObject({ state: "watching", polls: 3, last_seen: [] });
    expect(h.callsTo(LAUNCH, "POST")).toEqual([]);
  });

  it("fails a watch whose key changed since it started, launching nothing", async () => {
    let key: string | undefined;
    const h = watchHarness(h100Appearing(0), { keyForRuns: async () => key });
    key = h.key;
    const { id } = (await h.ask("POST", undefined, SPEC)).body.data!;
    key = "another-key";
    const calls = h.calls.length;
    await h.run();
    expect(await h.watch(id)).toMatchObject({
      state: "failed",
      error: "The API key changed since the watch started; start it again.",
    });
    expect(h.calls.length).toBe(calls);
  });

  it("refuses to start without a key for runs, or with bad fields, naming each", async () => {
    const noKey = watchHarness([], { keyForRuns: async () => undefined });
    expect(await noKey.ask("POST", undefined, SPEC)).toMatchObject({
      status: 503,
      body: { error: { code: "proxy/gateway-unavailable" } },
    });
    const h = watchHarness([]);
    const bad = await h.ask("POST", undefined, {
      instance_types: [],
      regions: "us-west-1",
      ssh_key_name: "",
      give_up_after_minutes: 0,
      colour: "red",
    });
    expect(bad.status).toBe(400);
    for (const field of [
      "colour is not a field",
      "regions must be a list",
      "ssh_key_name must name",
      "give_up_after_minutes must be",
    ])
      expect(bad.body.error!.message).toContain(field);
    const unknownKey = await h.ask("POST", undefined, { ...SPEC, ssh_key_name: "desktop" });
    expect(unknownKey).toMatchObject({
      status: 400,
      body: { error: { message: 'The watch cannot be started: the account has no SSH key named "desktop".' } },
    });
    const empty = await h.ask("POST", undefined, { instance_types: [], ssh_key_name: "laptop" });
    expect(empty.body.error!.message).toContain("instance_types must list at least one name");
    expect(await h.ask("PUT")).toMatchObject({ status: 405 });
    expect((await h.ask("GET")).body).toEqual({ data: [] });
  });

  it("refuses a start whose body is not one JSON object with the proxy's own 400 proxy/invalid-body, starting nothing", async () => {
    const h = watchHarness([]);
    for (const body of [[SPEC], "gpu_1x_a10", undefined]) {
      expect(await h.ask("POST", undefined, body)).toMatchObject({
        status: 400,
        body: { error: { code: "proxy/invalid-body" } },
      });
    }
    expect((await h.ask("GET")).body).toEqual({ data: [] });
  });

  it("lists watches newest first with their state, and never holds the key", async () => {
    const h = watchHarness(h100Appearing(0));
    const first = (await h.ask("POST", undefined, SPEC)).body.data!;
    await h.tick(first.id);
    const second = (await h.ask("POST", undefined, { ...SPEC, instance_types: ["gpu_8x_b200_sxm6"] })).body.data!;
    const answer = JSON.stringify((await h.ask("GET")).body);
    const list = JSON.parse(answer) as { data: Watch[] };
    expect(list.data.map((watch) => [watch.id, watch.state, watch.created_by])).toEqual([
      [second.id, "watching", "ada@example.com"],
      [first.id, "launched", "ada@example.com"],
    ]);
    expect(answer.includes(h.key)).toBe(false);
  });

  it("tells the notifier once when a watch ends, records what it answered, and says nothing of a cancel", async () => {
    const told: string[] = [];
    const notify = async (watch: Watch) => {
      told.push(`${watch.spec.name} ${watch.state}`);
      return "sent (204)";
    };
    const h = watchHarness(h100Appearing(0), { notify });
    const launched = (await h.ask("POST", undefined, SPEC)).body.data!;
    const giving = (
      await h.ask("POST", undefined, {
        ...SPEC,
        name: "too-cheap",
        max_price_cents_per_hour: 1,
        give_up_after_minutes: 1,
      })
    ).body.data!;
    const cancelled = (await h.ask("POST", undefined, { ...SPEC, name: "cancelled", max_price_cents_per_hour: 1 })).body
      .data!;
    await h.ask("DELETE", cancelled.id);
    expect(await h.untilFinal(launched.id)).toMatchObject({ state: "launched", webhook: "sent (204)" });
    expect(await h.untilFinal(giving.id)).toMatchObject({ state: "gave-up", webhook: "sent (204)" });
    await h.tick(giving.id);
    expect(told).toEqual(["found-by-watch launched", "too-cheap gave-up"]);
    expect((await h.watch(cancelled.id)).webhook).toBeNull();
  });
});
