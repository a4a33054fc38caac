import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CACHE_STATUS_HEADER } from "../../../src/proxy/index.js";
import { gatewayHarness, launchable, settle } from "./helpers.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ5E0a7m1Yp1v3nq0tT8Hk7m8xQe2Qp3gk2f0m1n2o3p laptop";

describe("gateway reads: coalescing, freshness, invalidation, stale answers (fake timers, simulator)", () => {
  it("coalesces 50 identical reads in flight into one upstream call, and every caller gets the same list", async () => {
    const { sim, send, callsTo } = gatewayHarness();
    sim.state.addSSHKey({ name: "laptop", public_key: PUBLIC_KEY });
    const answers = await Promise.all(Array.from({ length: 50 }, () => send("listSSHKeys")));
    expect(callsTo("/ssh-keys")).toHaveLength(1);
    const bodies = await Promise.all(answers.map((answer) => answer.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!).data.map((key: { name: string }) => key.name)).toEqual(["laptop"]);
    expect(answers[0]!.headers.get(CACHE_STATUS_HEADER)).toBe("lambda-gateway; fwd=miss; fwd-status=200; stored");
    expect(answers[1]!.headers.get(CACHE_STATUS_HEADER)).toBe(
      "lambda-gateway; fwd=miss; fwd-status=200; stored; collapsed",
    );
  });

  it("serves instances from the cache for 2 s and regions for 60 s, with Age and a positive ttl, as the operations table says", async () => {
    const { send, callsTo } = gatewayHarness();
    await send("listInstances");
    const regionsFirst = send("listRegions");
    await vi.advanceTimersByTimeAsync(1_000);
    await regionsFirst;
    await vi.advanceTimersByTimeAsync(500);
    const cachedInstances = await send("listInstances");
    expect(cachedInstances.headers.get("age")).toBe("1");
    expect(cachedInstances.headers.get(CACHE_STATUS_HEADER)).toBe("lambda-gateway; hit; ttl=1");
    expect(callsTo("/instances")).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1_000);
    const refetched = await send("listInstances");
    expect(refetched.headers.get(CACHE_STATUS_HEADER)).toBe("lambda-gateway; fwd=stale; fwd-status=200; stored");
    expect(refetched.headers.get("age")).toBe("0");
    expect(callsTo("/instances")).toHaveLength(2);

    await vi.advanceTimersByTimeAsync(55_000);
    const regions = await send("listRegions");
    expect(regions.headers.get(CACHE_STATUS_HEADER)).toBe("lambda-gateway; hit; ttl=4");
    expect(regions.headers.get("age")).toBe("56");
    expect(callsTo("/regions")).toHaveLength(1);
  });

  it("makes the SSH key list stale when a key is added, and the instance list stale when an instance is launched", async () => {
    const { sim, send, callsTo } = gatewayHarness();
    const launch = launchable(sim);
    await settle(send("listSSHKeys"));
    await settle(send("listInstances"));
    expect((await settle(send("addSSHKey", { body: { name: "desk", public_key: PUBLIC_KEY } }))).status).toBe(200);
    const keys = await settle(send("listSSHKeys"));
    expect(keys.headers.get(CACHE_STATUS_HEADER)).toMatch(/^lambda-gateway; fwd=stale/);
    expect(((await keys.json()) as { data: { name: string }[] }).data.map((key) => key.name).sort()).toEqual([
      "desk",
      "laptop",
    ]);
    expect(callsTo("/ssh-keys")).toHaveLength(2);

    expect(callsTo("/instances")).toHaveLength(1);
    expect((await settle(send("launchInstance", { body: launch }))).status).toBe(200);
    const listed = await settle(send("listInstances"));
    expect(listed.headers.get(CACHE_STATUS_HEADER)).toMatch(/^lambda-gateway; fwd=stale/);
    expect(((await listed.json()) as { data: unknown[] }).data).toHaveLength(1);
    expect(callsTo("/instances")).toHaveLength(2);
  });

  it("never lets a caller join, nor caches as fresh, a read sent before a write changed its resource", async () => {
    let releaseFirstList!: () => void;
    const firstListHeld = new Promise<void>((resolve) => {
      releaseFirstList = resolve;
    });
    const { sim, send, callsTo } = gatewayHarness({
      holdAnswer: (call) =>
        call.path === "/instances" && callsTo("/instances").length === 1 ? firstListHeld : undefined,
    });
    const launch = launchable(sim);
    const instanceCount = async (answer: Response) => ((await answer.json()) as { data: unknown[] }).data.length;

    const sentBeforeLaunch = send("listInstances");
    expect((await settle(send("launchInstance", { body: launch }))).status).toBe(200);
    const afterLaunch = await settle(send("listInstances"));
    expect(await instanceCount(afterLaunch)).toBe(1);
    expect(callsTo("/instances")).toHaveLength(2);

    releaseFirstList();
    expect(await instanceCount(await settle(sentBeforeLaunch))).toBe(0);
    const cached = await settle(send("listInstances"));
    expect(cached.headers.get(CACHE_STATUS_HEADER)).toMatch(/^lambda-gateway; hit; ttl=/);
    expect(await instanceCount(cached)).toBe(1);
    expect(callsTo("/instances")).toHaveLength(2);
  });

  it("serves a stale read when the budget is spent, saying so with a negative ttl, and refreshes it in the background", async () => {
    const { send, calls, callsTo } = gatewayHarness();
    await send("listInstances");
    await vi.advanceTimersByTimeAsync(5_000);
    const queued = Array.from({ length: 3 }, (_, index) =>
      send("getInstance", { path: `/instances/${String(index).padStart(32, "0")}` }),
    );
    const stale = await send("listInstances");
    expect(stale.status).toBe(200);
    expect(stale.headers.get(CACHE_STATUS_HEADER)).toBe("lambda-gateway; hit; ttl=-3; detail=budget-spent");
    expect(stale.headers.get("age")).toBe("5");
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all(queued);
    expect(callsTo("/instances")).toHaveLength(2);
    expect(calls.at(-1)!.path).toBe("/instances"); // the background refresh went after the reads that were waiting
  });

  it("answers a background refresh of a stale entry at once from the cache, without waiting for the upstream", async () => {
    const { send, callsTo } = gatewayHarness();
    await send("listImages");
    await vi.advanceTimersByTimeAsync(61_000);
    const answer = await send("listImages", { priority: "background" });
    expect(answer.headers.get(CACHE_STATUS_HEADER)).toBe("lambda-gateway; hit; ttl=-1; detail=revalidating");
    await vi.advanceTimersByTimeAsync(0);
    expect(callsTo("/images")).toHaveLength(2);
  });

  it("serves the stale answer when the upstream fails, and never caches an error", async () => {
    const { sim, send, callsTo } = gatewayHarness();
    await send("listFilesystems");
    await vi.advanceTimersByTimeAsync(61_000);
    sim.faults.add({ kind: "status", status: 503, path: "/file-systems" });
    const failed = await send("listFilesystems");
    expect(failed.status).toBe(503);
    await vi.advanceTimersByTimeAsync(1_000);
    sim.faults.add({ kind: "reset", path: "/file-systems" });
    const stale = await send("listFilesystems");
    expect(stale.status).toBe(200);
    expect(stale.headers.get(CACHE_STATUS_HEADER)).toMatch(/^lambda-gateway; hit; ttl=-\d+; detail=upstream-error$/);
    expect(callsTo("/file-systems").map((call) => call.status)).toEqual([200, 503, 0]);
  });

  it("holds upstream answers to the proxy's checks: an HTML answer is 502 proxy/upstream-invalid, and never cached", async () => {
    const { sim, send, callsTo } = gatewayHarness();
    sim.faults.add({ kind: "html", path: "/images" });
    const refused = await send("listImages");
    expect(refused.status).toBe(502);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("proxy/upstream-invalid");
    const next = await settle(send("listImages"));
    expect(next.status).toBe(200);
    expect(callsTo("/images")).toHaveLength(2);
  });
});
