// Every one of the API's 34 operations, called once through a real client against the simulator,
// with the payload of each successful answer recorded (the envelope's `data`, or the whole body).
import { LambdaCloudClient } from "../../src/index";
import { operationList } from "../../src/operation-schemas.js";
import { createRouter } from "../../src/routing";
import { BASE_URL, harness, launchable } from "./helpers";

/** One recorded answer: the operation and its payload as the client received it. */
export interface RecordedAnswer {
  readonly operationId: string;
  readonly payload: unknown;
}

/** Runs a scenario that calls every operation (instances through their lifecycle, tickets with attachments...) and returns every successful answer. */
export async function recordEveryOperation(): Promise<RecordedAnswer[]> {
  const router = createRouter(operationList);
  const recorded: RecordedAnswer[] = [];
  const { sim, key } = harness({ bootMs: 1_000 });
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await sim.fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = input instanceof Request ? input.method : (init?.method ?? "GET");
    const route = router.match(method, url.pathname.slice(new URL(BASE_URL).pathname.length));
    if (route.kind === "operation" && response.ok) {
      const body = await response.clone().json();
      recorded.push({
        operationId: route.operation.id,
        payload: route.operation.envelope === "body" ? body : body.data,
      });
    }
    return response;
  };
  const c = new LambdaCloudClient({ apiKey: key, fetch: recordingFetch, baseUrl: BASE_URL, rateLimit: false });

  const request = launchable(sim);
  await c.sshKeys.create({ name: "generated" });
  await c.sshKeys.create({
    name: "imported",
    public_key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ5dGVzYnl0ZXNieXRlc2J5dGVzYnl0ZXNieXRlcw== me@laptop",
  });
  const keys = await c.sshKeys.list();
  await c.sshKeys.delete(keys.find((key) => key.name === "imported")!.id);
  const fs = await c.filesystems.create({ name: "datasets", region: "us-west-1" });
  const ruleset = await c.firewallRulesets.create({
    name: "web",
    region: "us-west-1",
    rules: [{ protocol: "tcp", port_range: [443, 443], source_network: "0.0.0.0/0", description: "https" }],
  });
  const {
    instance_ids: [id],
  } = await c.instances.launch({
    ...request,
    name: "trainer",
    file_system_names: ["datasets"],
    tags: [{ key: "team", value: "ml" }],
    firewall_rulesets: [{ id: ruleset.id }],
  });
  await c.instances.get(id!); // booting, no ip
  sim.clock.advance(600);
  await c.instances.list(); // booting, with ip
  sim.clock.advance(600);
  await c.instances.update(id!, { name: "renamed", tags: [] });
  await c.instances.restart(id!);
  sim.clock.advance(1_000);
  await c.filesystems.list();
  await c.firewallRulesets.list();
  await c.firewallRulesets.get(ruleset.id);
  await c.instances.terminate(id!);
  await c.instances.get(id!); // terminating
  sim.clock.advance(1_000);
  await c.filesystems.delete(fs.id);
  await c.firewallRulesets.update(ruleset.id, {
    name: "web-2",
    rules: [{ protocol: "icmp", source_network: "10.0.0.1", description: "ping" }],
  });
  await c.firewallRulesets.delete(ruleset.id);
  await c.firewallRulesets.getGlobal();
  await c.firewallRulesets.updateGlobal({
    rules: [{ protocol: "all", port_range: [1, 65535], source_network: "10.0.0.0/8", description: "office" }],
  });
  await c.firewallRules.list();
  await c.firewallRules.replace([
    { protocol: "udp", port_range: [53, 53], source_network: "0.0.0.0/0", description: "dns" },
  ]);
  await c.instanceTypes.list();
  await c.regions.list();
  await c.images.list();
  const ticket = await c.tickets.create({
    subject: "GPU fell off the bus",
    description: "Xid 79",
    type: "incident",
    severity: "sev_2",
    hostname: "node-1",
    affected_devices: ["gpu0"],
  });
  await c.tickets.create({ subject: "More storage", description: "please", type: "service_request" });
  await c.tickets.update(ticket.id, { comment: { body: "still broken" }, priority: "high", status: "solved" });
  await c.tickets.get(ticket.id);
  await c.tickets.page({ status: ["solved"], order_by: "updated_at", direction: "asc" });
  const attachment = await c.tickets.attachments.upload(ticket.id, {
    filename: "dmesg.txt",
    content_type: "text/plain",
    body: "NVRM: Xid 79",
  });
  await c.tickets.attachments.list(ticket.id);
  await c.tickets.attachments.downloadUrl(ticket.id, attachment.id);
  await c.tickets.attachments.delete(ticket.id, attachment.id);
  await c.auditEvents.page();
  return recorded;
}
