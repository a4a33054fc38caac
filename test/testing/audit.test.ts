import { describe, expect, it } from "vitest";
import { harness, launchable, leaks } from "./helpers";

describe("audit events", () => {
  it("every mutating call records actor, api key LRN (never the key), action and result", async () => {
    const { sim, client, key } = harness();
    await client.regions.list();
    await client.sshKeys.create({ name: "laptop" });
    await client.filesystems.create({ name: "bad", region: "nowhere-1" }).catch(() => undefined);
    const { data } = await client.auditEvents.page();
    expect(data.map((event) => [event.action, event.result?.status, event.result?.status_code])).toEqual([
      ["ssh_key.create", "success", 200],
      ["filesystem.create", "failure", 400],
    ]);
    const [event] = data;
    expect(event).toMatchObject({
      actor_lrn: expect.stringMatching(/^lrn:cloud:user:[0-9a-f]{32}$/),
      actor_email: expect.stringContaining("@"),
      request_api_key_lrn: expect.stringMatching(/^lrn:cloud:api_key:[0-9a-f]{32}$/),
      resource_lrns: [expect.stringMatching(/^lrn:cloud:ssh_key:[0-9a-f]{32}$/)],
      surface: "api",
    });
    expect(leaks(JSON.stringify(sim.state.auditEvents()), key)).toBe(false);
  });

  it("the key LRN is the same for every call with one key", async () => {
    const { client } = harness();
    await client.sshKeys.create({ name: "a" });
    await client.sshKeys.create({ name: "b" });
    const { data } = await client.auditEvents.page();
    expect(new Set(data.map((event) => event.request_api_key_lrn)).size).toBe(1);
  });

  it("is paginated with page_token, and the client's iterator walks every page", async () => {
    const { client } = harness({ pageSize: 2 });
    for (const name of ["a", "b", "c", "d", "e"]) await client.sshKeys.create({ name });
    const first = await client.auditEvents.page();
    expect(first.data).toHaveLength(2);
    expect(first.page_token).toEqual(expect.any(String));
    const second = await client.auditEvents.page({ page_token: first.page_token! });
    expect(second.data[0]?.event_id).not.toBe(first.data[0]?.event_id);
    const all = [];
    for await (const event of client.auditEvents.list()) all.push(event.resource_lrns[0]);
    expect(all).toHaveLength(5);
    expect(new Set(all).size).toBe(5);
  });

  it("a token it did not issue answers global/invalid-parameters", async () => {
    const { client } = harness();
    await expect(client.auditEvents.page({ page_token: "forged" })).rejects.toMatchObject({
      status: 400,
      code: "global/invalid-parameters",
    });
  });

  it("filters by inclusive start and end times, and by resource_type", async () => {
    const { sim, client } = harness();
    await client.sshKeys.create({ name: "early" });
    sim.clock.advance(60_000);
    const middle = new Date(sim.clock.now());
    await client.instances.launch(launchable(sim, "later"));
    sim.clock.advance(60_000);
    await client.filesystems.create({ name: "late", region: "us-west-1" });
    const actions = async (query: Parameters<typeof client.auditEvents.page>[0]) =>
      (await client.auditEvents.page(query)).data.map((event) => event.action);
    expect(await actions({ start: middle, end: middle })).toEqual(["instance.launch"]);
    expect(await actions({ start: middle })).toEqual(["instance.launch", "filesystem.create"]);
    expect(await actions({ end: new Date(middle.getTime() - 1) })).toEqual(["ssh_key.create"]);
    expect(await actions({ resource_type: "cloud.instance" })).toEqual(["instance.launch"]);
  });

  it("read-only calls and refused keys record nothing", async () => {
    const { sim, client } = harness();
    await client.instances.list();
    await sim.fetch("http://sim.test/api/v1/ssh-keys", { method: "POST", body: "{}" });
    expect(sim.state.auditEvents()).toEqual([]);
  });
});
