import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fingerprintOf } from "../../../src/proxy/gateway/idempotency.js";
import { IDEMPOTENT_REPLAY_HEADER } from "../../../src/proxy/index.js";
import { LAUNCH_INTERVAL_MS, type Simulator } from "../../../src/testing/index.js";
import { gatewayHarness, launchable, settle } from "./helpers.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const LAUNCH = "/instance-operations/launch";

/** The next `times` adds of an SSH key are refused with 429 and `Retry-After: 2`. */
function refuseSshKeysWith429(sim: Simulator, times: number): void {
  sim.faults.add({
    kind: "status",
    status: 429,
    code: "global/rate-limited",
    method: "POST",
    path: "/ssh-keys",
    headers: { "retry-after": "2" },
    times,
  });
}

describe("gateway writes: serialized launches, idempotency, unknown outcomes (fake timers, simulator)", () => {
  it("serializes launches: two at once reach the API one after the other, 12 s apart, and both succeed", async () => {
    const { sim, send, callsTo } = gatewayHarness();
    const launch = launchable(sim);
    const both = Promise.all([send("launchInstance", { body: launch }), send("launchInstance", { body: launch })]);
    const answers = await settle(both);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const [first, second] = callsTo(LAUNCH, "POST");
    expect(second!.time - first!.time).toBeGreaterThanOrEqual(LAUNCH_INTERVAL_MS);
    expect(sim.state.snapshot().instances).toHaveLength(2);
  });

  it("performs a double click with one Idempotency-Key once: the second gets the first answer, marked replayed", async () => {
    const { sim, send, callsTo } = gatewayHarness();
    const launch = launchable(sim);
    const idempotencyKey = crypto.randomUUID();
    const [first, second] = await settle(
      Promise.all([
        send("launchInstance", { body: launch, idempotencyKey }),
        send("launchInstance", { body: launch, idempotencyKey }),
      ]),
    );
    expect(callsTo(LAUNCH, "POST")).toHaveLength(1);
    expect(sim.state.snapshot().instances).toHaveLength(1);
    expect(first!.headers.get(IDEMPOTENT_REPLAY_HEADER)).toBeNull();
    expect(second!.headers.get(IDEMPOTENT_REPLAY_HEADER)).toBe("true");
    expect(await second!.text()).toBe(await first!.text());
  });

  it("answers a retry hours later from the record, and performs the write again only after 24 h", async () => {
    const { sim, send, callsTo } = gatewayHarness();
    const launch = launchable(sim);
    const idempotencyKey = crypto.randomUUID();
    const first = await settle(send("launchInstance", { body: launch, idempotencyKey }));
    await vi.advanceTimersByTimeAsync(23 * 60 * 60 * 1000);
    const retry = await settle(send("launchInstance", { body: launch, idempotencyKey }));
    expect(retry.headers.get(IDEMPOTENT_REPLAY_HEADER)).toBe("true");
    expect(await retry.text()).toBe(await first.text());
    expect(callsTo(LAUNCH, "POST")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    const later = await settle(send("launchInstance", { body: launch, idempotencyKey }));
    expect(later.headers.get(IDEMPOTENT_REPLAY_HEADER)).toBeNull();
    expect(callsTo(LAUNCH, "POST")).toHaveLength(2);
  });

  it("refuses an Idempotency-Key reused for a different request with 422, sending nothing", async () => {
    const { sim, send, callsTo } = gatewayHarness();
    const launch = launchable(sim);
    const idempotencyKey = crypto.randomUUID();
    await settle(send("launchInstance", { body: launch, idempotencyKey }));
    const reused = await settle(send("launchInstance", { body: { ...launch, name: "other" }, idempotencyKey }));
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { error: { code: string } }).error.code).toBe("proxy/idempotency-key-reused");
    expect(callsTo(LAUNCH, "POST")).toHaveLength(1);
  });

  it("never re-sends a launch whose outcome is unknown (after-commit): the retry gets the recorded 502, the API one instance", async () => {
    const { sim, send, callsTo } = gatewayHarness();
    const launch = launchable(sim);
    sim.faults.add({ kind: "after-commit", path: LAUNCH });
    const idempotencyKey = crypto.randomUUID();
    const lost = await settle(send("launchInstance", { body: launch, idempotencyKey }));
    expect(lost.status).toBe(502);
    const error = ((await lost.json()) as { error: { code: string; suggestion: string } }).error;
    expect(error.code).toBe("proxy/launch-outcome-unknown");
    expect(error.suggestion).toMatch(/List your instances/);
    await vi.advanceTimersByTimeAsync(LAUNCH_INTERVAL_MS * 2);
    const retry = await settle(send("launchInstance", { body: launch, idempotencyKey }));
    expect(retry.status).toBe(502);
    expect(retry.headers.get(IDEMPOTENT_REPLAY_HEADER)).toBe("true");
    expect(callsTo(LAUNCH, "POST")).toHaveLength(1);
    expect(sim.state.snapshot().instances).toHaveLength(1);
  });

  it("sends a write refused with 429 again after its Retry-After, and answers the result", async () => {
    const { sim, send, callsTo } = gatewayHarness();
    refuseSshKeysWith429(sim, 1);
    const answer = await settle(send("addSSHKey", { body: { name: "laptop" }, idempotencyKey: crypto.randomUUID() }));
    expect(answer.status).toBe(200);
    const [refused, performed] = callsTo("/ssh-keys", "POST");
    expect([refused!.status, performed!.status]).toEqual([429, 200]);
    expect(performed!.time - refused!.time).toBeGreaterThanOrEqual(2_000);
  });

  it("answers a write refused with 429 three times with the 429, and frees its key, so its retry is performed", async () => {
    const { sim, send, callsTo } = gatewayHarness();
    refuseSshKeysWith429(sim, 3);
    const idempotencyKey = crypto.randomUUID();
    const body = { name: "laptop" };
    const refused = await settle(send("addSSHKey", { body, idempotencyKey }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("2");
    const retried = await settle(send("addSSHKey", { body, idempotencyKey }));
    expect(retried.status).toBe(200);
    expect(retried.headers.get(IDEMPOTENT_REPLAY_HEADER)).toBeNull();
    expect(callsTo("/ssh-keys", "POST").map((call) => call.status)).toEqual([429, 429, 429, 200]);
  });

  it("withdraws a launch whose caller leaves while it waits its turn: nothing is sent or recorded, and its key is free", async () => {
    const { sim, gateway, send, key, callsTo } = gatewayHarness();
    const launch = launchable(sim);
    await settle(send("launchInstance", { body: launch }));
    const leaving = new AbortController();
    const idempotencyKey = crypto.randomUUID();
    const withdrawn = send("launchInstance", { body: launch, idempotencyKey, signal: leaving.signal }).catch(
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(1_000);
    leaving.abort(new Error("the viewer closed the tab"));
    expect(((await withdrawn) as Error).message).toBe("the viewer closed the tab");
    await vi.advanceTimersByTimeAsync(LAUNCH_INTERVAL_MS);
    expect(callsTo(LAUNCH, "POST")).toHaveLength(1);
    expect(((await (await gateway.audit(new URLSearchParams(), key)).json()) as { data: unknown[] }).data).toHaveLength(
      1,
    );
    const retried = await settle(send("launchInstance", { body: launch, idempotencyKey }));
    expect(retried.status).toBe(200);
    expect(retried.headers.get(IDEMPOTENT_REPLAY_HEADER)).toBeNull();
    expect(callsTo(LAUNCH, "POST")).toHaveLength(2);
  });

  it("answers 409 to a duplicate whose first request is in progress in no process that can tell (e.g. before a restart)", async () => {
    const { store, send, callsTo } = gatewayHarness();
    const idempotencyKey = crypto.randomUUID();
    const body = { name: "laptop" };
    const fingerprint = await fingerprintOf("addSSHKey", "/ssh-keys", new TextEncoder().encode(JSON.stringify(body)));
    await store.claimIdempotency(
      idempotencyKey,
      { state: "in-progress", fingerprint, expiresAt: Date.now() + 60_000 },
      Date.now(),
    );
    const duplicate = await settle(send("addSSHKey", { body, idempotencyKey }));
    expect(duplicate.status).toBe(409);
    expect(((await duplicate.json()) as { error: { code: string } }).error.code).toBe("proxy/idempotency-in-progress");
    expect(callsTo("/ssh-keys", "POST")).toHaveLength(0);
  });
});
