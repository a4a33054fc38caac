import { describe, expect, it } from "vitest";
import { harness, launchable, raw } from "./helpers";

const PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ5dGVzYnl0ZXNieXRlc2J5dGVzYnl0ZXNieXRlcw== me@laptop";

describe("SSH keys", () => {
  it("imports a public key as given, without a private key", async () => {
    const { client } = harness();
    const key = await client.sshKeys.create({ name: "laptop", public_key: PUBLIC_KEY });
    expect(key).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), name: "laptop", public_key: PUBLIC_KEY });
  });

  it("generates a pair when no public key is sent, and returns the private key only that once", async () => {
    const { client } = harness();
    const created = await client.sshKeys.create({ name: "generated" });
    expect("private_key" in created && created.private_key).toContain("BEGIN OPENSSH PRIVATE KEY");
    expect(created.public_key).toMatch(/^ssh-ed25519 /);
    const [listed] = await client.sshKeys.list();
    expect(listed).toEqual({ id: created.id, name: "generated", public_key: created.public_key });
  });

  it("rejects a duplicate name with global/invalid-parameters", async () => {
    const { client } = harness();
    await client.sshKeys.create({ name: "laptop" });
    await expect(client.sshKeys.create({ name: "laptop" })).rejects.toMatchObject({
      status: 400,
      code: "global/invalid-parameters",
    });
  });

  it("rejects a public key that is not in OpenSSH format", async () => {
    const { client } = harness();
    await expect(client.sshKeys.create({ name: "bad", public_key: "not a key" })).rejects.toMatchObject({
      code: "global/invalid-parameters",
    });
  });

  it("deletes by id, and a second delete answers 404 global/object-does-not-exist", async () => {
    const { client } = harness();
    const key = await client.sshKeys.create({ name: "laptop" });
    expect(await client.sshKeys.delete(key.id)).toEqual({});
    expect(await client.sshKeys.list()).toEqual([]);
    await expect(client.sshKeys.delete(key.id)).rejects.toMatchObject({
      status: 404,
      code: "global/object-does-not-exist",
    });
  });
});

describe("filesystems", () => {
  it("creates one with its default mount point, region, creator and is_in_use false", async () => {
    const { client } = harness();
    const filesystem = await client.filesystems.create({ name: "datasets", region: "us-west-1" });
    expect(filesystem).toMatchObject({
      name: "datasets",
      mount_point: "/lambda/nfs/datasets",
      is_in_use: false,
      region: { name: "us-west-1" },
    });
    expect(filesystem.created_by.email).toContain("@");
  });

  it("a duplicate name answers global/duplicate", async () => {
    const { client } = harness();
    await client.filesystems.create({ name: "datasets", region: "us-west-1" });
    await expect(client.filesystems.create({ name: "datasets", region: "us-east-1" })).rejects.toMatchObject({
      status: 400,
      code: "global/duplicate",
    });
  });

  it("is mounted at launch and marked is_in_use; deleting it then answers filesystems/filesystem-in-use", async () => {
    const { sim, client } = harness({ bootMs: 1_000 });
    const filesystem = await client.filesystems.create({ name: "datasets", region: "us-west-1" });
    const { instance_ids } = await client.instances.launch({ ...launchable(sim), file_system_names: ["datasets"] });
    const instance = await client.instances.get(instance_ids[0]!);
    expect(instance.file_system_names).toEqual(["datasets"]);
    expect(instance.file_system_mounts).toEqual([
      { mount_point: "/lambda/nfs/datasets", file_system_id: filesystem.id },
    ]);
    expect((await client.filesystems.list())[0]?.is_in_use).toBe(true);
    await expect(client.filesystems.delete(filesystem.id)).rejects.toMatchObject({
      status: 400,
      code: "filesystems/filesystem-in-use",
    });
  });

  it("stays in use while the instance is terminating, and can be deleted once the instance is gone", async () => {
    const { sim, client } = harness({ bootMs: 1_000 });
    const filesystem = await client.filesystems.create({ name: "datasets", region: "us-west-1" });
    const { instance_ids } = await client.instances.launch({ ...launchable(sim), file_system_names: ["datasets"] });
    await client.instances.terminate(instance_ids);
    await expect(client.filesystems.delete(filesystem.id)).rejects.toMatchObject({
      code: "filesystems/filesystem-in-use",
    });
    sim.clock.advance(1_000);
    expect(await client.filesystems.delete(filesystem.id)).toEqual({ deleted_ids: [filesystem.id] });
  });

  it("a custom mount point wins over the default one", async () => {
    const { sim, client } = harness();
    const filesystem = await client.filesystems.create({ name: "datasets", region: "us-west-1" });
    const { instance_ids } = await client.instances.launch({
      ...launchable(sim),
      file_system_names: ["datasets"],
      file_system_mounts: [{ mount_point: "/data/sets", file_system_id: filesystem.id }],
    });
    expect((await client.instances.get(instance_ids[0]!)).file_system_mounts).toEqual([
      { mount_point: "/data/sets", file_system_id: filesystem.id },
    ]);
  });
});

describe("firewall", () => {
  const https = {
    protocol: "tcp" as const,
    port_range: [443, 443] as [number, number],
    source_network: "0.0.0.0/0",
    description: "https",
  };

  it("legacy rules are listed and replaced all at once; a bare address becomes a /32", async () => {
    const { client } = harness();
    expect((await client.firewallRules.list())[0]).toMatchObject({ protocol: "tcp", port_range: [22, 22] });
    const replaced = await client.firewallRules.replace([
      https,
      { protocol: "icmp", source_network: "203.0.113.7", description: "ping" },
    ]);
    expect(replaced).toEqual([https, { protocol: "icmp", source_network: "203.0.113.7/32", description: "ping" }]);
    expect(await client.firewallRules.list()).toEqual(replaced);
  });

  it("rulesets support create, get, list, update and delete", async () => {
    const { client } = harness();
    const created = await client.firewallRulesets.create({ name: "web", region: "us-west-1", rules: [https] });
    expect(created).toMatchObject({ name: "web", region: { name: "us-west-1" }, rules: [https], instance_ids: [] });
    expect(await client.firewallRulesets.get(created.id)).toEqual(created);
    const updated = await client.firewallRulesets.update(created.id, { name: "web-2", rules: [] });
    expect(updated).toMatchObject({ id: created.id, name: "web-2", rules: [] });
    expect(await client.firewallRulesets.list()).toEqual([updated]);
    expect(await client.firewallRulesets.delete(created.id)).toEqual({});
    await expect(client.firewallRulesets.get(created.id)).rejects.toMatchObject({
      status: 404,
      code: "global/object-does-not-exist",
    });
  });

  it("deleting a ruleset in use answers firewall-rulesets/firewall-ruleset-in-use", async () => {
    const { sim, client } = harness();
    const ruleset = await client.firewallRulesets.create({ name: "web", region: "us-west-1", rules: [https] });
    await client.instances.launch({ ...launchable(sim), firewall_rulesets: [{ id: ruleset.id }] });
    await expect(client.firewallRulesets.delete(ruleset.id)).rejects.toMatchObject({
      status: 400,
      code: "firewall-rulesets/firewall-ruleset-in-use",
    });
  });

  it("the global ruleset can be read and its rules replaced", async () => {
    const { client } = harness();
    expect(await client.firewallRulesets.getGlobal()).toMatchObject({ id: "global" });
    const updated = await client.firewallRulesets.updateGlobal({ rules: [https] });
    expect(updated).toMatchObject({ id: "global", rules: [https] });
  });

  it("the global ruleset cannot be deleted (405) or renamed (400)", async () => {
    const { sim, key } = harness();
    const deleted = await raw(sim, "/firewall-rulesets/global", { method: "DELETE", key });
    expect(deleted.status).toBe(405);
    expect(deleted.headers.get("allow")).toBe("GET, PATCH");
    const renamed = await raw(sim, "/firewall-rulesets/global", {
      method: "PATCH",
      key,
      body: JSON.stringify({ name: "mine" }),
    });
    expect(renamed.status).toBe(400);
    expect((await renamed.json()).error).toMatchObject({
      code: "global/invalid-parameters",
      message: expect.stringContaining("name"),
    });
  });
});

describe("tickets and attachments", () => {
  const incident = {
    subject: "GPU fell off the bus",
    description: "Xid 79 on gpu0",
    type: "incident" as const,
    severity: "sev_2" as const,
  };

  it("creates, gets and lists tickets; the description is the first comment", async () => {
    const { client } = harness();
    const created = await client.tickets.create(incident);
    expect(created).toMatchObject({ status: "open", type: "incident", severity: "sev_2" });
    const ticket = await client.tickets.get(created.id);
    expect(ticket.comments).toEqual([expect.objectContaining({ body: "Xid 79 on gpu0" })]);
    expect((await client.tickets.page()).tickets.map((entry) => entry.id)).toEqual([created.id]);
  });

  it("update answers 202 with {} and applies the comment, priority and solved status", async () => {
    const { sim, client, key } = harness();
    const created = await client.tickets.create(incident);
    expect(await client.tickets.update(created.id, { comment: { body: "any news?" }, priority: "urgent" })).toEqual({});
    const response = await raw(sim, `/tickets/${created.id}`, {
      method: "PATCH",
      key,
      body: JSON.stringify({ status: "solved" }),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ data: {} });
    const ticket = await client.tickets.get(created.id);
    expect(ticket).toMatchObject({ status: "solved", priority: "urgent", resolved_at: expect.any(String) });
    expect(ticket.comments.map((comment) => comment.body)).toEqual(["Xid 79 on gpu0", "any news?"]);
  });

  it("lists with case-insensitive filters, order and pages", async () => {
    const { sim, client } = harness({ pageSize: 2 });
    for (const subject of ["a", "b", "c"]) {
      await client.tickets.create({ ...incident, subject });
      sim.clock.advance(1_000);
    }
    await client.tickets.create({ subject: "d", description: "x", type: "service_request" });
    const incidents = [];
    for await (const ticket of client.tickets.list({ type: ["INCIDENT"], direction: "asc" }))
      incidents.push(ticket.subject);
    expect(incidents).toEqual(["a", "b", "c"]);
    const first = await client.tickets.page({ direction: "desc" });
    expect(first.tickets.map((ticket) => ticket.subject)).toEqual(["d", "c"]);
    expect(first.page_token).toEqual(expect.any(String));
  });

  it("a missing ticket answers 404 global/not-found", async () => {
    const { client } = harness();
    await expect(client.tickets.get("0".repeat(32))).rejects.toMatchObject({ status: 404, code: "global/not-found" });
  });

  it("uploads an attachment through the presigned URL on the simulator, then downloads the same bytes", async () => {
    const { sim, client } = harness();
    const ticket = await client.tickets.create(incident);
    const attachment = await client.tickets.attachments.upload(ticket.id, {
      filename: "dmesg.txt",
      content_type: "text/plain",
      body: "NVRM: Xid 79",
    });
    expect(attachment).toMatchObject({
      filename: "dmesg.txt",
      size_bytes: 12,
      upload_status: "uploaded",
      uploaded_at: expect.any(String),
    });
    expect(await client.tickets.attachments.list(ticket.id)).toEqual([attachment]);
    const { download_url } = await client.tickets.attachments.downloadUrl(ticket.id, attachment.id);
    const download = await sim.fetch(download_url);
    expect(download.headers.get("content-type")).toBe("text/plain");
    expect(await download.text()).toBe("NVRM: Xid 79");
    expect(await client.tickets.attachments.delete(ticket.id, attachment.id)).toEqual({});
    expect(await client.tickets.attachments.list(ticket.id)).toEqual([]);
    expect(await client.tickets.attachments.list(ticket.id, { status: "deleted" })).toHaveLength(1);
  });

  it("the upload URL points at the simulator and takes the PUT without an API key", async () => {
    const { sim, client } = harness();
    const ticket = await client.tickets.create(incident);
    const target = await client.tickets.attachments.create(ticket.id, {
      filename: "a.bin",
      content_type: "application/octet-stream",
      size_bytes: 3,
    });
    expect(target).toMatchObject({ upload_method: "PUT", upload_status: "pending", expires_in: 900 });
    expect(target.upload_url.startsWith("http://sim.test/__uploads/")).toBe(true);
    expect((await sim.fetch(target.upload_url, { method: "PUT", body: new Uint8Array([1, 2, 3]) })).status).toBe(200);
    expect(await client.tickets.attachments.complete(ticket.id, target.attachment_id)).toMatchObject({
      upload_status: "uploaded",
    });
  });

  it("completing before the bytes arrived, or with the wrong size, is refused", async () => {
    const { sim, client } = harness();
    const ticket = await client.tickets.create(incident);
    const early = await client.tickets.attachments.create(ticket.id, {
      filename: "a.bin",
      content_type: "application/octet-stream",
      size_bytes: 3,
    });
    await expect(client.tickets.attachments.complete(ticket.id, early.attachment_id)).rejects.toMatchObject({
      code: "global/invalid-parameters",
      message: expect.stringContaining("no bytes"),
    });
    await sim.fetch(early.upload_url, { method: "PUT", body: new Uint8Array([1]) });
    await expect(client.tickets.attachments.complete(ticket.id, early.attachment_id)).rejects.toMatchObject({
      message: expect.stringContaining("1 bytes"),
    });
    expect(sim.state.attachments(ticket.id)[0]?.upload_status).toBe("failed");
  });

  it("an upload URL expires after expires_in seconds of simulated time", async () => {
    const { sim, client } = harness();
    const ticket = await client.tickets.create(incident);
    const target = await client.tickets.attachments.create(ticket.id, {
      filename: "a.bin",
      content_type: "application/octet-stream",
      size_bytes: 1,
    });
    sim.clock.advance(target.expires_in * 1000 + 1);
    expect((await sim.fetch(target.upload_url, { method: "PUT", body: "x" })).status).toBe(403);
  });
});
