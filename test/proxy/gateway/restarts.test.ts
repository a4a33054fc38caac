// Faults: the gateway object restarts (here the whole `wrangler dev` session is killed and
// started again on the same port and the same --persist-to, as an eviction or a deploy would
// restart the object) in the middle of a launch and in the middle of a fan-out. No write is lost
// or doubled: the launch caught mid-flight is performed once, recorded, and its retry is answered
// instead of re-sent. Live viewers reconnect on their own and see what happens after.
// Needs `npm run build`. Waits are for conditions (polled), never for a length of time.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { operationRoutes } from "../../../src/operations";
import { startLiveViewer } from "./live-viewer";
import { useRestartingStack } from "./restarting-stack";
import { until } from "./stack";

const A10 = { instance_type_name: "gpu_1x_a10", region_name: "us-west-1" };
const { key, auth, simulator, front, restart, output, launches } = useRestartingStack({
  sshKeyName: "restarts",
  beforeStart: (sim) => sim.admin("capacity", { ...A10, units: 4 }),
});

const launch = (from: "a" | "b", idempotencyKey: string, name: string) =>
  fetch(`${front(from)}/api/v1/instance-operations/launch`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json", "idempotency-key": idempotencyKey },
    body: JSON.stringify({ name, ...A10, ssh_key_names: ["restarts"] }),
  });

let seedId: string;
beforeAll(async () => {
  const seeded = await launch("a", randomUUID(), "seed");
  expect(seeded.status).toBe(200);
  [seedId] = ((await seeded.json()) as { data: { instance_ids: string[] } }).data.instance_ids as [string];
}, 60_000);

describe("the gateway object restarting", () => {
  it("in the middle of a launch: the launch happens once, is recorded, and its retry is answered, not re-sent", async () => {
    // The API takes 3 s to answer this launch; the object is killed while it waits.
    const before = await launches();
    await simulator().admin("faults", {
      kind: "delay",
      ms: 3_000,
      method: "POST",
      path: operationRoutes.launchInstance.path,
    });
    const click = randomUUID();
    const caught = launch("a", click, "caught-mid-flight").then(
      (response) => response.status,
      () => "dropped",
    );
    await until("the API has the launch", async () => (await simulator().pendingFaults()) === 0);
    const restarted = restart();
    // The front's answer to the interrupted launch is an error or nothing, never a success it cannot know.
    expect(await caught).not.toBe(200);
    await restarted;
    await until("the API has performed the launch", async () => (await launches()) === before + 1);

    const retry = await launch("b", click, "caught-mid-flight");
    expect(retry.status).toBe(502);
    expect(((await retry.json()) as { error: { code: string } }).error.code).toBe("proxy/launch-outcome-unknown");
    expect(await launches()).toBe(before + 1);

    const audit = (await (await fetch(`${front("a")}/api/audit`, { headers: auth })).json()) as {
      data: { operation: string; idempotencyKey: string | null; outcome: string }[];
    };
    expect(audit.data.filter((record) => record.idempotencyKey === click)).toEqual([
      expect.objectContaining({ operation: "launchInstance", outcome: "outcome-unknown" }),
    ]);
    const listed = (await (await fetch(`${front("b")}/api/v1/instances`, { headers: auth })).json()) as {
      data: { name: string }[];
    };
    expect(listed.data.filter((instance) => instance.name === "caught-mid-flight")).toHaveLength(1);
  }, 120_000);

  it("in the middle of a fan-out: live viewers reconnect on their own and see a change made after the restart", async () => {
    const stop = new AbortController();
    const viewers = Array.from({ length: 5 }, () => startLiveViewer(front(viewers_front()), stop.signal, auth));
    try {
      await until("every viewer has a list", () => viewers.every((viewer) => viewer.lists.length > 0));
      await restart();
      await until("every viewer has reconnected", () => viewers.every((viewer) => viewer.connects >= 2));

      const renamed = await fetch(`${front("a")}/api/v1/instances/${seedId}`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json", "idempotency-key": randomUUID() },
        body: JSON.stringify({ name: "renamed-after-restart" }),
      });
      expect(`${renamed.status} ${renamed.status === 200 ? "" : await renamed.text()}`).toBe("200 ");
      await until("every viewer has seen the new name", () =>
        viewers.every((viewer) => viewer.lists.some((list) => list.names.has("renamed-after-restart"))),
      );
    } finally {
      stop.abort();
      await Promise.all(viewers.map((viewer) => viewer.done));
    }
  }, 120_000);

  it("never lets the key reach wrangler's output", () => {
    expect(output()).not.toContain(key);
  });
});

let viewerCount = 0;
/** Viewers alternate between the two fronts. */
function viewers_front(): "a" | "b" {
  return viewerCount++ % 2 ? "a" : "b";
}
