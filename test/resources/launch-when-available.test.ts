// instances.launchWhenAvailable against the simulator: scripted capacity, faults, the API's rate
// limits enforced on both sides, and fake timers (the simulator's "real" clock reads the faked Date,
// so simulated time, the client's limiter and the loop's pauses all move together).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  IDEMPOTENCY_TAG_KEY,
  LambdaCloudClient,
  LaunchWhenAvailableError,
  type LaunchWhenAvailableEvent,
  type LaunchWhenAvailableOptions,
  type LaunchWhenAvailableRequest,
  operations,
  RequestValidationError,
} from "../../src/index.js";
import { type CapacityScriptEntry, createSimulator, type Simulator } from "../../src/testing/index.js";
import { BASE_URL, leaks } from "../testing/helpers.js";

const LAUNCH = operations.launchInstance.path;
const TYPES = operations.listInstanceTypes.path;
const H100 = "gpu_1x_h100_pcie";
const WEST = "us-west-1";
const REQUEST: LaunchWhenAvailableRequest = {
  instance_type_name: [H100],
  region_name: [WEST],
  ssh_key_names: ["laptop"],
};

/** H100 PCIe in us-west-1: none at the start, then `units` from each time given. */
const h100At = (...steps: Array<[at: number, units: number]>): CapacityScriptEntry[] => [
  { at: 0, type: H100, region: WEST, units: 0 },
  ...steps.map(([at, units]) => ({ at, type: H100, region: WEST, units })),
];

interface Sent {
  readonly path: string;
  readonly body: unknown;
  /** When it was sent, in (faked) epoch milliseconds. */
  readonly at: number;
}

/** A client of `sim` with its own key and (default) rate limiter, recording every request it sends. */
function clientOf(sim: Simulator, key: string) {
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const text = await request.clone().text();
    sent.push({
      path: new URL(request.url).pathname.replace("/api/v1", ""),
      body: text ? JSON.parse(text) : undefined,
      at: Date.now(),
    });
    return sim.fetch(request);
  };
  const client = new LambdaCloudClient({ apiKey: key, fetch, baseUrl: BASE_URL });
  const to = (path: string) => sent.filter((entry) => entry.path === path);
  const tokens = () =>
    to(LAUNCH).map(
      (entry) =>
        (entry.body as { tags: { key: string; value: string }[] }).tags.find((tag) => tag.key === IDEMPOTENCY_TAG_KEY)
          ?.value,
    );
  return { client, sent, to, tokens };
}

/** A simulator enforcing the rate limits, with an SSH key, and keys for two clients of one account. */
function setup(capacity: CapacityScriptEntry[], bootMs = 2_000) {
  const keys = [`lc-sentinel-${crypto.randomUUID()}`, `lc-sentinel-${crypto.randomUUID()}`] as const;
  const sim = createSimulator({ apiKeys: keys, clock: "real", rateLimit: true, capacity, bootMs });
  sim.state.addSSHKey({ name: "laptop" });
  return { sim, keys, ...clientOf(sim, keys[0]) };
}

/** Starts a call and records its events; `outcome` never rejects (it holds the value or the error). */
function start(client: LambdaCloudClient, options: LaunchWhenAvailableOptions = {}, request = REQUEST) {
  const events: LaunchWhenAvailableEvent[] = [];
  const outcome = client.instances
    .launchWhenAvailable(request, { onEvent: (event) => events.push(event), ...options })
    .then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
  return { events, outcome, kinds: () => events.map((event) => event.type) };
}

/** Moves fake time on in 1 s steps until the promise settles (or `limitMs` passes). */
async function settle<T>(promise: Promise<T>, limitMs = 600_000): Promise<T> {
  let done = false;
  void promise.then(() => (done = true));
  for (let elapsed = 0; !done && elapsed < limitMs; elapsed += 1_000) await vi.advanceTimersByTimeAsync(1_000);
  expect(done, "the call settled").toBe(true);
  return promise;
}

const no429s = (sim: Simulator) => expect(sim.traffic.snapshot().by_status["429"]).toBeUndefined();

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("instances.launchWhenAvailable", () => {
  it("ignores an onEvent that throws: the launch it made is still the result, and nothing is sent twice", async () => {
    const { sim, client, to } = setup(h100At([10_000, 1]));
    let calls = 0;
    const onEvent = () => {
      calls++;
      throw new Error("the progress display broke");
    };
    const run = start(client, { pollIntervalMs: 5_000, waitUntilActive: true, onEvent });
    const { value } = (await settle(run.outcome)) as {
      value: Awaited<ReturnType<typeof client.instances.launchWhenAvailable>>;
    };
    expect(value.instance).toMatchObject({ status: "active", instance_type: { name: H100 } });
    expect(sim.state.instances().map((instance) => instance.id)).toEqual([value.instance.id]);
    // Three polls, the attempt, the launch and two status changes each reached the callback.
    expect(calls).toBe(7);
    expect(to(LAUNCH)).toHaveLength(1);
  });

  it("launches once capacity appears after N polls, waits until active, and reports each step", async () => {
    const { sim, client, to } = setup(h100At([30_000, 1]));
    const run = start(client, { pollIntervalMs: 5_000, waitUntilActive: true, timeoutMs: Infinity });
    const { value } = (await settle(run.outcome)) as {
      value: Awaited<ReturnType<typeof client.instances.launchWhenAvailable>>;
    };
    // Polls at 0, 5, ..., 30 s: the seventh sees the unit; the launch takes the next request slot, 1 s later.
    expect(value.summary).toMatchObject({ polls: 7, attempts: 1, races: 0, waitedMs: 31_000 });
    expect(value.instance).toMatchObject({ status: "active", instance_type: { name: H100 }, region: { name: WEST } });
    expect(sim.state.instances().map((instance) => instance.id)).toEqual([value.instance.id]);
    expect(value.instance.tags).toContainEqual({ key: IDEMPOTENCY_TAG_KEY, value: value.summary.token });
    expect(run.kinds()).toEqual([...Array(7).fill("poll"), "attempt", "launched", "status", "status"]);
    const polls = run.events.filter((event) => event.type === "poll");
    expect(polls.slice(0, 6).map((event) => [event.candidates.length, event.nextPollMs])).toEqual(
      Array(6).fill([0, 5_000]),
    );
    expect(polls[6]).toMatchObject({
      poll: 7,
      candidates: [{ type: H100, region: WEST, priceCentsPerHour: expect.any(Number) }],
    });
    expect(run.events.filter((event) => event.type === "status").map((event) => event.instance.status)).toEqual([
      "booting",
      "active",
    ]);
    expect([to(TYPES).length, to(LAUNCH).length]).toEqual([7, 1]);
    no429s(sim);
  });

  it("picks the preferred pair: a type filter under a price cap goes cheapest first, then by region order", async () => {
    const { sim, client } = setup([
      ...h100At([0, 1]),
      { at: 0, type: H100, region: "us-east-1", units: 1 },
      // Above the cap: never tried.
      { at: 0, type: "gpu_8x_h100_sxm5", region: "us-east-1", units: 1 },
    ]);
    const run = start(
      client,
      { maxPriceCentsPerHour: 400 },
      { instance_type_name: { gpu: "H100" }, region_name: ["us-east-1", WEST], ssh_key_names: ["laptop"] },
    );
    const { value } = (await settle(run.outcome)) as {
      value: { instance: { region: { name: string }; instance_type: { name: string } } };
    };
    expect([value.instance.instance_type.name, value.instance.region.name]).toEqual([H100, "us-east-1"]);
    expect(sim.state.instances()).toHaveLength(1);
  });

  it("after-commit on the launch: returns the instance the lost answer created, and launches nothing more", async () => {
    const { sim, client, to } = setup(h100At([0, 3]));
    sim.faults.add({ kind: "after-commit", path: LAUNCH });
    const run = start(client);
    const { value } = (await settle(run.outcome)) as {
      value: { instance: { id: string }; summary: { attempts: number } };
    };
    expect(sim.state.instances().map((instance) => instance.id)).toEqual([value.instance.id]);
    expect([value.summary.attempts, to(LAUNCH).length]).toEqual([1, 1]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(to(LAUNCH)).toHaveLength(1);
    no429s(sim);
  });

  it("a reset before the launch applied: after the reconciliation finds nothing, checks the token, then launches once with the same token", async () => {
    const { sim, client, to, tokens } = setup(h100At([0, 3]));
    sim.faults.add({ kind: "reset", path: LAUNCH });
    const run = start(client);
    const { value } = (await settle(run.outcome)) as {
      value: { instance: { id: string }; summary: { attempts: number; token: string } };
    };
    expect(run.kinds()).toEqual(["poll", "attempt", "outcome-unknown", "poll", "attempt", "launched"]);
    expect(sim.state.instances().map((instance) => instance.id)).toEqual([value.instance.id]);
    expect(tokens()).toEqual([value.summary.token, value.summary.token]);
    // The launch's own reconciliation (12 lists in 60 s), then the look-up before the second attempt.
    expect(to(operations.listInstances.path)).toHaveLength(13);
    no429s(sim);
  });

  it("an attempt after an ambiguous one finds the earlier instance by its token instead of launching again", async () => {
    const { sim, client, to, keys } = setup(h100At([0, 3]));
    // A 503 whose launch did apply, but too late for the reconciliation window to see it.
    sim.faults.add({ kind: "status", status: 503, path: LAUNCH });
    const run = start(client, {
      idempotencyToken: "late-one",
      onEvent: (event) => {
        run?.events.push(event);
        if (event.type === "outcome-unknown")
          sim.state.launchInstance({
            instance_type_name: H100,
            region_name: WEST,
            ssh_key_names: ["laptop"],
            tags: [{ key: IDEMPOTENCY_TAG_KEY, value: "late-one" }],
          });
      },
    });
    const { value } = (await settle(run.outcome)) as {
      value: { instance: { id: string }; summary: { attempts: number } };
    };
    expect(sim.state.instances().map((instance) => instance.id)).toEqual([value.instance.id]);
    expect([value.summary.attempts, to(LAUNCH).length]).toEqual([1, 1]);
    expect(run.kinds()).toEqual(["poll", "attempt", "outcome-unknown", "poll", "launched"]);
    expect(leaks(JSON.stringify(run.events), keys[0])).toBe(false);
  });

  it("shares the client's rate limiter with a busy program: zero 429s, and polls thin out while other calls queue", async () => {
    const { sim, client } = setup(h100At([60_000, 1]));
    const run = start(client, { pollIntervalMs: 5_000 });
    await vi.advanceTimersByTimeAsync(10_500);
    // The rest of the program fires 20 calls at once: they queue in the same limiter.
    const busy = Promise.all(Array.from({ length: 20 }, () => client.regions.list()));
    const { value } = (await settle(run.outcome)) as { value: { summary: { attempts: number } } };
    await settle(busy);
    expect(value.summary.attempts).toBe(1);
    const pauses = run.events.flatMap((event) =>
      event.type === "poll" && event.nextPollMs !== undefined ? [event.nextPollMs] : [],
    );
    // Looks at 0, 5 and 10 s. The 20 calls take the slots of 11 to 30 s, so the look due at 15 s
    // goes at 31 s, 15 s later than one slot: the pause after it is 5 + 15 s. Then 51 and 56 s,
    // and at 61 s the unit (there since 60 s) is seen.
    expect(pauses).toEqual([5_000, 5_000, 5_000, 20_000, 5_000, 5_000]);
    no429s(sim);
    expect(sim.traffic.snapshot().by_operation.listRegions).toBe(20);
  });

  it("shares the launch budget: a launch the program sent just before makes the attempt wait for the next launch slot, without a 429", async () => {
    const { sim, client, to } = setup(h100At([0, 1]));
    sim.state.setCapacity("gpu_1x_a10", WEST, 1);
    const other = client.instances.launch({
      instance_type_name: "gpu_1x_a10",
      region_name: WEST,
      ssh_key_names: ["laptop"],
    });
    const run = start(client);
    await settle(Promise.all([other, run.outcome]));
    const [first, attempt] = to(LAUNCH);
    expect(attempt!.at - first!.at).toBe(12_000);
    expect(sim.state.instances()).toHaveLength(2);
    no429s(sim);
  });

  it("a look that fails for a passing reason doubles the pause and goes on; one that cannot pass throws", async () => {
    const { sim, client } = setup(h100At([0, 1]));
    // Three 503s use up the GET's first send and its two retries: the first look fails.
    sim.faults.add({ kind: "status", status: 503, path: TYPES, times: 3 });
    const run = start(client, { pollIntervalMs: 5_000 });
    const { value } = (await settle(run.outcome)) as { value: { summary: { polls: number } } };
    expect(run.events[0]).toMatchObject({ type: "poll-failed", poll: 1, error: { status: 503 }, nextPollMs: 10_000 });
    expect([run.kinds().slice(1), value.summary.polls]).toEqual([["poll", "attempt", "launched"], 2]);

    sim.faults.add({ kind: "status", status: 403, code: "global/forbidden", path: TYPES });
    const { error } = (await settle(start(client).outcome)) as { error: { status: number } };
    expect(error.status).toBe(403);
  });

  it("refuses bad input before sending anything, naming each field", async () => {
    const { sim, client } = setup(h100At());
    const error = await client.instances
      .launchWhenAvailable({ instance_type_name: [], region_name: [WEST, WEST], ssh_key_names: "laptop" } as never, {
        pollIntervalMs: -1,
        timeoutMs: Number.NaN,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).problems.map((problem) => problem.path)).toEqual([
      "instance_type_name",
      "region_name",
    ]);
    const options = await client.instances
      .launchWhenAvailable(REQUEST, { pollIntervalMs: 2 ** 31, timeoutMs: Number.NaN })
      .catch((caught: unknown) => caught);
    expect((options as RequestValidationError).problems).toEqual([
      { path: "timeoutMs", message: "must be 0 to 2147483647 ms" },
      { path: "pollIntervalMs", message: "must be 0 to 2147483647 ms" },
    ]);
    const body = await client.instances
      .launchWhenAvailable({ ...REQUEST, ssh_key_names: "laptop" } as never)
      .catch((caught: unknown) => caught);
    expect((body as RequestValidationError).problems.map((problem) => problem.path)).toEqual(["ssh_key_names"]);
    expect(sim.traffic.snapshot().requests).toBe(0);
  });
});

describe("launchWhenAvailable: abort and timeout", () => {
  it("an already-aborted signal sends nothing", async () => {
    const { sim, client } = setup(h100At([0, 1]));
    const { error } = (await start(client, { signal: AbortSignal.abort(new Error("no")) }).outcome) as {
      error: LaunchWhenAvailableError;
    };
    expect(error).toMatchObject({
      name: "LaunchWhenAvailableError",
      reason: "aborted",
      instanceId: undefined,
      outcomeUnknown: false,
    });
    expect(sim.traffic.snapshot().requests).toBe(0);
  });

  it("abort while waiting between polls: rejects at once, nothing launched, no request after it", async () => {
    const { sim, client, sent } = setup(h100At());
    const controller = new AbortController();
    const run = start(client, { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(12_000);
    const reason = new Error("user cancelled");
    controller.abort(reason);
    const { error } = (await run.outcome) as { error: LaunchWhenAvailableError };
    expect(error).toBeInstanceOf(LaunchWhenAvailableError);
    expect(error).toMatchObject({ reason: "aborted", instanceId: undefined, outcomeUnknown: false, cause: reason });
    expect(error.message).toBe("launchWhenAvailable was aborted; nothing was launched.");
    const count = sent.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent.length).toBe(count);
    expect(sim.state.instances()).toEqual([]);
  });

  it("abort while a look is in flight: rejects at once, nothing launched", async () => {
    const { sim, client, to } = setup(h100At([0, 1]));
    sim.faults.add({ kind: "delay", ms: 30_000, path: TYPES });
    const controller = new AbortController();
    const run = start(client, { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    const { error } = (await run.outcome) as { error: LaunchWhenAvailableError };
    expect(error).toMatchObject({ reason: "aborted", instanceId: undefined, outcomeUnknown: false });
    await vi.advanceTimersByTimeAsync(60_000);
    expect([to(TYPES).length, to(LAUNCH).length, sim.state.instances().length]).toEqual([1, 0, 0]);
  });

  it("abort while a launch is in flight: the launch settles first, and the error names the instance it created", async () => {
    const { sim, client, to } = setup(h100At([0, 1]));
    sim.faults.add({ kind: "delay", ms: 3_000, path: LAUNCH });
    const controller = new AbortController();
    const run = start(client, {
      signal: controller.signal,
      onEvent: (event) => {
        run?.events.push(event);
        if (event.type === "attempt") queueMicrotask(() => controller.abort());
      },
    });
    const { error } = (await settle(run.outcome)) as { error: LaunchWhenAvailableError };
    const [instance] = sim.state.instances();
    expect(error).toMatchObject({ reason: "aborted", instanceId: instance!.id, outcomeUnknown: false });
    expect(error.message).toContain(`instance ${instance!.id} was launched and is billing`);
    expect(to(LAUNCH)).toHaveLength(1);
  });

  it("abort during an after-commit launch: the reconciliation finds the instance, and the error names it", async () => {
    const { sim, client } = setup(h100At([0, 1]));
    sim.faults.add({ kind: "after-commit", path: LAUNCH });
    const controller = new AbortController();
    const run = start(client, {
      signal: controller.signal,
      onEvent: (event) => event.type === "attempt" && controller.abort(),
    });
    const { error } = (await settle(run.outcome)) as { error: LaunchWhenAvailableError };
    expect(error.instanceId).toBe(sim.state.instances()[0]!.id);
    expect(sim.state.instances()).toHaveLength(1);
  });

  it("abort after an attempt whose outcome stayed unknown: looks the token up once more and says the outcome is unknown", async () => {
    const { sim, client, to } = setup(h100At([0, 1]));
    sim.faults.add({ kind: "reset", path: LAUNCH });
    const controller = new AbortController();
    const run = start(client, {
      signal: controller.signal,
      onEvent: (event) => event.type === "outcome-unknown" && controller.abort(),
    });
    const { error } = (await settle(run.outcome)) as { error: LaunchWhenAvailableError };
    expect(error).toMatchObject({ reason: "aborted", instanceId: undefined, outcomeUnknown: true });
    expect(error.message).toContain(`findByIdempotencyToken("${error.token}")`);
    expect(to(operations.listInstances.path)).toHaveLength(13);
    expect(sim.state.instances()).toEqual([]);
  });

  it("abort during waitUntilActive: the error names the instance, which keeps booting", async () => {
    const { sim, client } = setup(h100At([0, 1]), 300_000);
    const controller = new AbortController();
    const run = start(client, { signal: controller.signal, waitUntilActive: { intervalMs: 5_000 } });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(run.kinds()).toEqual(["poll", "attempt", "launched", "status"]);
    controller.abort();
    const { error } = (await run.outcome) as { error: LaunchWhenAvailableError };
    const [instance] = sim.state.instances();
    expect(error).toMatchObject({ reason: "aborted", instanceId: instance!.id });
    expect(instance!.status).toBe("booting");
  });

  it("timeoutMs: gives up when nothing appears, nothing launched, and polls stop", async () => {
    const { sim, client, sent } = setup(h100At([120_000, 1]));
    // Polls at 0, 10 and 20 s; the deadline comes before the fourth.
    const run = start(client, { timeoutMs: 30_000, pollIntervalMs: 10_000 });
    const { error } = (await settle(run.outcome)) as { error: LaunchWhenAvailableError };
    expect(error).toMatchObject({ reason: "timeout", instanceId: undefined, outcomeUnknown: false });
    expect(error.message).toBe("launchWhenAvailable timed out; nothing was launched.");
    const count = sent.length;
    await vi.advanceTimersByTimeAsync(120_000);
    expect([count, sent.length, sim.state.instances().length]).toEqual([3, 3, 0]);
  });

  it("timeoutMs never discards a launch already sent: one that succeeds after the deadline is the result", async () => {
    const { sim, client } = setup(h100At([0, 1]));
    sim.faults.add({ kind: "delay", ms: 10_000, path: LAUNCH });
    const { value } = (await settle(start(client, { timeoutMs: 5_000 }).outcome)) as {
      value: { instance: { id: string } };
    };
    expect(sim.state.instances().map((instance) => instance.id)).toEqual([value.instance.id]);
  });
});

describe("launchWhenAvailable: two clients of one account race for the last unit", () => {
  /** Both see the one unit; the first launch to arrive is held 500 ms, so the other arrives first and wins. */
  function race(later: CapacityScriptEntry[], options: LaunchWhenAvailableOptions = {}) {
    const { sim, keys } = setup([...h100At([30_000, 1]), ...later]);
    sim.faults.add({ kind: "delay", ms: 500, path: LAUNCH });
    const a = clientOf(sim, keys[0]);
    const b = clientOf(sim, keys[1]);
    return { sim, a, b, runs: [start(a.client, options), start(b.client, options)] as const };
  }

  it("exactly one wins; the other keeps waiting and wins when capacity appears", async () => {
    const { sim, a, b, runs } = race([{ at: 90_000, type: H100, region: WEST, units: 2 }]);
    await vi.advanceTimersByTimeAsync(45_000);
    expect(sim.state.instances()).toHaveLength(1);
    const lost = runs.filter((run) => run.kinds().includes("capacity-race"));
    expect(lost).toHaveLength(1);
    const outcomes = (await Promise.all(runs.map((run) => settle(run.outcome)))) as Array<{
      value: { instance: { id: string }; summary: { races: number; token: string } };
    }>;
    expect(outcomes.map((outcome) => outcome.value.summary.races).sort()).toEqual([0, 1]);
    expect(new Set(sim.state.instances().map((instance) => instance.id))).toEqual(
      new Set(outcomes.map((outcome) => outcome.value.instance.id)),
    );
    expect(sim.state.instances()).toHaveLength(2);
    expect([a.to(LAUNCH).length + b.to(LAUNCH).length]).toEqual([3]);
    expect(new Set([...a.tokens(), ...b.tokens()]).size).toBe(2);
    no429s(sim);
  });

  it("exactly one wins; the other times out with nothing launched", async () => {
    const { sim, runs } = race([], { timeoutMs: 120_000 });
    const outcomes = await Promise.all(runs.map((run) => settle(run.outcome)));
    const won = outcomes.filter((outcome) => "value" in outcome);
    const lost = outcomes.flatMap((outcome) => ("error" in outcome ? [outcome.error] : []));
    expect([won.length, lost.length]).toEqual([1, 1]);
    expect(lost[0]).toMatchObject({ reason: "timeout", instanceId: undefined, outcomeUnknown: false });
    expect(sim.state.instances()).toHaveLength(1);
    no429s(sim);
  });
});
