// A capacity watch survives its gateway object restarting (the whole `wrangler dev` session is
// killed and started again on the same port and --persist-to, as an eviction or a deploy would
// restart the object), even in the middle of its launch: the object reads the key from its own
// env on its alarm, finds the launch in flight by its tag, and never launches twice.
// Needs `npm run build`. Waits are for conditions (polled), never for a length of time.
import { describe, expect, it } from "vitest";
import { operationRoutes } from "../../../src/operations";
import type { Watch } from "../../../src/proxy/index";
import { IDEMPOTENCY_TAG_KEY } from "../../../src/resources/idempotency";
import { useRestartingStack } from "./restarting-stack";
import { until } from "./stack";

// A pair the demo account runs nothing in, so that one unit is one launch.
const H100 = { instance_type_name: "gpu_1x_h100_pcie", region_name: "us-west-3" };
// A watch moves on its alarms: wait longer for it, and ask less often.
const PATIENTLY = { limitMs: 60_000, everyMs: 200 };
const { key, auth, simulator, front, restart, output, launches } = useRestartingStack({
  sshKeyName: "watcher",
  beforeStart: (sim) => sim.admin("capacity", { ...H100, units: 0 }),
});

const watches = async (name: "a" | "b" = "a") =>
  ((await (await fetch(`${front(name)}/api/watches`, { headers: auth })).json()) as { data: Watch[] }).data;

describe("a capacity watch while its gateway object restarts", () => {
  it("refuses to start one for a reader: starting is a write", async () => {
    const refused = await fetch(`${front("a")}/api/watches`, { method: "POST", body: "{}" });
    expect(refused.status).toBe(401);
  });

  it("keeps watching across a restart, and a launch caught mid-flight is found by its tag, never sent twice", async () => {
    const started = await fetch(`${front("a")}/api/watches`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({
        instance_types: [H100.instance_type_name],
        regions: [H100.region_name],
        ssh_key_name: "watcher",
        name: "watched",
      }),
    });
    expect(started.status).toBe(201);
    const { id } = ((await started.json()) as { data: Watch }).data;
    await until(
      "the watch has polled",
      async () => ((await watches()).find((watch) => watch.id === id)?.polls ?? 0) >= 1,
      PATIENTLY,
    );

    // Restarted while it only watches: it goes on polling afterwards, with nobody asking.
    await restart();
    const polledBefore = (await watches("b")).find((watch) => watch.id === id)!.polls;
    await until(
      "the watch polls again after the restart",
      async () => (await watches("b")).find((watch) => watch.id === id)!.polls > polledBefore,
      PATIENTLY,
    );

    // The API takes 4 s to answer the launch; the object is killed while it waits.
    await simulator().admin("faults", {
      kind: "delay",
      ms: 4_000,
      method: "POST",
      path: operationRoutes.launchInstance.path,
    });
    await simulator().admin("capacity", { ...H100, units: 1 });
    await until("the API has the launch", async () => (await simulator().pendingFaults()) === 0, PATIENTLY).catch(
      async (error: Error) => {
        throw new Error(
          `${error.message}; the watch: ${JSON.stringify((await watches()).find((watch) => watch.id === id))}`,
        );
      },
    );
    expect((await watches()).find((watch) => watch.id === id)!.state).toBe("launching");
    await restart();

    await until(
      "the watch has launched",
      async () => (await watches("b")).find((watch) => watch.id === id)!.state === "launched",
      { ...PATIENTLY, limitMs: 90_000 },
    );
    const watch = (await watches("b")).find((found) => found.id === id)!;
    const listed = (await (await fetch(`${front("a")}/api/v1/instances`, { headers: auth })).json()) as {
      data: { id: string; name: string; tags?: { key: string; value: string }[] }[];
    };
    const watched = listed.data.filter((instance) => instance.name === "watched");
    expect(watched.map((instance) => instance.id)).toEqual([watch.instance_id]);
    expect(watched[0]!.tags).toContainEqual({ key: IDEMPOTENCY_TAG_KEY, value: watch.launch!.token });
    expect(await launches()).toBe(1);
    expect(output()).not.toContain(key);
  }, 240_000);
});
