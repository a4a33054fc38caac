import { describe, expect, it } from "vitest";
import { NotFoundError } from "../../src/index";
import { harness, launchable } from "./helpers";

const BOOT_MS = 4_000;

async function launched() {
  const h = harness({ bootMs: BOOT_MS });
  const { instance_ids } = await h.client.instances.launch(launchable(h.sim));
  return { ...h, id: instance_ids[0] as string };
}

describe("instance lifecycle on the manual clock", () => {
  it("launch puts the instance in booting with no ip, jupyter details, and only terminate available", async () => {
    const { client, id } = await launched();
    const instance = await client.instances.get(id);
    expect(instance.status).toBe("booting");
    expect(instance.ip).toBeUndefined();
    expect(instance.jupyter_token).toMatch(/^[0-9a-f]{32}$/);
    expect(instance.jupyter_url).toContain(instance.jupyter_token);
    expect(instance.actions?.terminate.available).toBe(true);
    expect(instance.actions?.restart).toMatchObject({ available: false, reason_code: "vm-has-not-launched" });
  });

  it("the ip appears halfway through the boot, and the status turns active after bootMs", async () => {
    const { sim, client, id } = await launched();
    sim.clock.advance(BOOT_MS / 2 - 1);
    expect((await client.instances.get(id)).ip).toBeUndefined();
    sim.clock.advance(1);
    const halfway = await client.instances.get(id);
    expect(halfway.status).toBe("booting");
    expect(halfway.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    sim.clock.advance(BOOT_MS / 2);
    const active = await client.instances.get(id);
    expect(active.status).toBe("active");
    expect(active.actions?.restart.available).toBe(true);
  });

  it("nothing changes while the manual clock stands still", async () => {
    const { client, id } = await launched();
    await client.instances.get(id);
    expect((await client.instances.get(id)).status).toBe("booting");
  });

  it("restart goes back to booting, keeps the ip, then becomes active again", async () => {
    const { sim, client, id } = await launched();
    sim.clock.advance(BOOT_MS);
    const { ip } = await client.instances.get(id);
    const { restarted_instances } = await client.instances.restart(id);
    expect(restarted_instances[0]).toMatchObject({ id, status: "booting", ip });
    sim.clock.advance(BOOT_MS);
    expect((await client.instances.get(id)).status).toBe("active");
  });

  it("restarting an instance that is still booting answers 409 global/conflict", async () => {
    const { client, id } = await launched();
    await expect(client.instances.restart(id)).rejects.toMatchObject({ status: 409, code: "global/conflict" });
  });

  it("terminate goes to terminating, then terminated, then the instance is gone and GET answers 404", async () => {
    const { sim, client, id } = await launched();
    sim.clock.advance(BOOT_MS);
    const { terminated_instances } = await client.instances.terminate(id);
    expect(terminated_instances[0]?.status).toBe("terminating");
    expect(terminated_instances[0]?.actions?.terminate).toMatchObject({
      available: false,
      reason_code: "vm-is-terminating",
    });
    sim.clock.advance(BOOT_MS / 2);
    expect((await client.instances.get(id)).status).toBe("terminated");
    sim.clock.advance(BOOT_MS / 2);
    const gone = await client.instances.get(id).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone).toMatchObject({ status: 404, code: "global/object-does-not-exist" });
    expect(await client.instances.list()).toEqual([]);
  });

  it("waitFor reaches active when each poll advances the simulated clock", async () => {
    const { sim, client, id } = await launched();
    const seen: string[] = [];
    const instance = await client.instances.waitFor(id, {
      intervalMs: 1,
      onPoll: (polled) => {
        seen.push(polled.status);
        sim.clock.advance(BOOT_MS / 4);
      },
    });
    expect(instance.status).toBe("active");
    expect(seen).toEqual(["booting", "booting", "booting", "booting", "active"]);
  });

  it("waitFor terminated returns when the instance disappears", async () => {
    const { sim, client, id } = await launched();
    await client.instances.terminate(id);
    const last = await client.instances.waitFor(id, {
      status: "terminated",
      intervalMs: 1,
      onPoll: () => sim.clock.advance(BOOT_MS),
    });
    expect(last.status).toBe("terminated");
  });

  it("with the real clock, time passes by itself", async () => {
    const h = harness({ bootMs: 0, clock: "real" });
    const { instance_ids } = await h.client.instances.launch(launchable(h.sim));
    expect((await h.client.instances.get(instance_ids[0] as string)).status).toBe("active");
  });
});
