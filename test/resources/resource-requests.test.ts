import { describe, expect, it } from "vitest";
import type { InstanceLaunchRequest, LambdaCloudClient } from "../../src/index.js";
import { operationList } from "../../src/operation-schemas.js";
import { clientFor, createMockApi, ok } from "../helpers/mock-api.js";
import * as p from "../helpers/payloads.js";

interface Case {
  /** operationId the call must hit. */
  readonly operation: string;
  readonly call: (client: LambdaCloudClient) => Promise<unknown>;
  readonly method: string;
  readonly path: string;
  readonly query?: string;
  readonly body?: unknown;
  /** The whole response body the mock answers with. */
  readonly response: unknown;
  /** What the method must resolve to. */
  readonly result: unknown;
  readonly status?: number;
}

const launch = {
  region_name: "us-west-1",
  instance_type_name: "gpu_1x_a10",
  ssh_key_names: ["laptop"],
} satisfies InstanceLaunchRequest;
const ticketBody = {
  subject: "GPU lost",
  description: "no devices",
  type: "incident" as const,
  severity: "sev_2" as const,
};

const cases: Case[] = [
  {
    operation: "listInstances",
    call: (c) => c.instances.list(),
    method: "GET",
    path: "/instances",
    response: { data: [p.instance] },
    result: [p.instance],
  },
  {
    operation: "listInstances",
    call: (c) => c.instances.list({ cluster_id: "c1" }),
    method: "GET",
    path: "/instances",
    query: "cluster_id=c1",
    response: { data: [] },
    result: [],
  },
  {
    operation: "getInstance",
    call: (c) => c.instances.get(p.INSTANCE_ID),
    method: "GET",
    path: `/instances/${p.INSTANCE_ID}`,
    response: { data: p.instance },
    result: p.instance,
  },
  {
    operation: "postInstance",
    call: (c) => c.instances.update(p.INSTANCE_ID, { name: "trainer", tags: [] }),
    method: "POST",
    path: `/instances/${p.INSTANCE_ID}`,
    body: { name: "trainer", tags: [] },
    response: { data: p.instance },
    result: p.instance,
  },
  {
    operation: "listInstanceTypes",
    call: (c) => c.instanceTypes.list(),
    method: "GET",
    path: "/instance-types",
    response: { data: { gpu_1x_a10: { instance_type: p.instanceType, regions_with_capacity_available: [p.region] } } },
    result: { gpu_1x_a10: { instance_type: p.instanceType, regions_with_capacity_available: [p.region] } },
  },
  {
    operation: "launchInstance",
    call: (c) => c.instances.launch(launch, { idempotencyToken: "run-1" }),
    method: "POST",
    path: "/instance-operations/launch",
    body: { ...launch, tags: [{ key: "lambda-cloud:idempotency", value: "run-1" }] },
    response: { data: { instance_ids: [p.INSTANCE_ID] } },
    result: { instance_ids: [p.INSTANCE_ID] },
  },
  {
    operation: "restartInstance",
    call: (c) => c.instances.restart(p.INSTANCE_ID),
    method: "POST",
    path: "/instance-operations/restart",
    body: { instance_ids: [p.INSTANCE_ID] },
    response: { data: { restarted_instances: [p.instance] } },
    result: { restarted_instances: [p.instance] },
  },
  {
    operation: "terminateInstance",
    call: (c) => c.instances.terminate([p.INSTANCE_ID]),
    method: "POST",
    path: "/instance-operations/terminate",
    body: { instance_ids: [p.INSTANCE_ID] },
    response: { data: { terminated_instances: [p.instance] } },
    result: { terminated_instances: [p.instance] },
  },
  {
    operation: "listRegions",
    call: (c) => c.regions.list(),
    method: "GET",
    path: "/regions",
    response: { data: [p.region] },
    result: [p.region],
  },
  {
    operation: "listImages",
    call: (c) => c.images.list(),
    method: "GET",
    path: "/images",
    response: { data: [p.image] },
    result: [p.image],
  },
  {
    operation: "listSSHKeys",
    call: (c) => c.sshKeys.list(),
    method: "GET",
    path: "/ssh-keys",
    response: { data: [p.sshKey] },
    result: [p.sshKey],
  },
  {
    operation: "addSSHKey",
    call: (c) => c.sshKeys.create({ name: "ci" }),
    method: "POST",
    path: "/ssh-keys",
    body: { name: "ci" },
    response: { data: { ...p.sshKey, name: "ci", private_key: "-----BEGIN OPENSSH PRIVATE KEY-----" } },
    result: { ...p.sshKey, name: "ci", private_key: "-----BEGIN OPENSSH PRIVATE KEY-----" },
  },
  {
    operation: "deleteSSHKey",
    call: (c) => c.sshKeys.delete(p.SSH_KEY_ID),
    method: "DELETE",
    path: `/ssh-keys/${p.SSH_KEY_ID}`,
    response: { data: {} },
    result: {},
  },
  {
    operation: "listFilesystems",
    call: (c) => c.filesystems.list(),
    method: "GET",
    path: "/file-systems",
    response: { data: [p.filesystem] },
    result: [p.filesystem],
  },
  {
    operation: "createFilesystem",
    call: (c) => c.filesystems.create({ name: "datasets", region: "us-west-1" }),
    method: "POST",
    path: "/filesystems",
    body: { name: "datasets", region: "us-west-1" },
    response: { data: p.filesystem },
    result: p.filesystem,
  },
  {
    operation: "filesystemDelete",
    call: (c) => c.filesystems.delete(p.FILESYSTEM_ID),
    method: "DELETE",
    path: `/filesystems/${p.FILESYSTEM_ID}`,
    response: { data: { deleted_ids: [p.FILESYSTEM_ID] } },
    result: { deleted_ids: [p.FILESYSTEM_ID] },
  },
  {
    operation: "firewallRulesList",
    call: (c) => c.firewallRules.list(),
    method: "GET",
    path: "/firewall-rules",
    response: { data: [p.sshRule] },
    result: [p.sshRule],
  },
  {
    operation: "firewallRulesSet",
    call: (c) =>
      c.firewallRules.replace([
        { protocol: "tcp", port_range: [22, 22], source_network: "0.0.0.0/0", description: "SSH" },
      ]),
    method: "PUT",
    path: "/firewall-rules",
    body: { data: [p.sshRule] },
    response: { data: [p.sshRule] },
    result: [p.sshRule],
  },
  {
    operation: "firewallRulesetsList",
    call: (c) => c.firewallRulesets.list(),
    method: "GET",
    path: "/firewall-rulesets",
    response: { data: [p.ruleset] },
    result: [p.ruleset],
  },
  {
    operation: "createFirewallRuleset",
    call: (c) =>
      c.firewallRulesets.create({
        name: "web",
        region: "us-west-1",
        rules: [{ protocol: "icmp", source_network: "10.0.0.0/8", description: "" }],
      }),
    method: "POST",
    path: "/firewall-rulesets",
    body: {
      name: "web",
      region: "us-west-1",
      rules: [{ protocol: "icmp", source_network: "10.0.0.0/8", description: "" }],
    },
    response: { data: p.ruleset },
    result: p.ruleset,
  },
  {
    operation: "getGlobalFirewallRuleset",
    call: (c) => c.firewallRulesets.getGlobal(),
    method: "GET",
    path: "/firewall-rulesets/global",
    response: { data: { id: "global", name: "Global", rules: [] } },
    result: { id: "global", name: "Global", rules: [] },
  },
  {
    operation: "updateGlobalFirewallRuleset",
    call: (c) => c.firewallRulesets.updateGlobal({ rules: [] }),
    method: "PATCH",
    path: "/firewall-rulesets/global",
    body: { rules: [] },
    response: { data: { id: "global", name: "Global", rules: [] } },
    result: { id: "global", name: "Global", rules: [] },
  },
  {
    operation: "getFirewallRuleset",
    call: (c) => c.firewallRulesets.get(p.RULESET_ID),
    method: "GET",
    path: `/firewall-rulesets/${p.RULESET_ID}`,
    response: { data: p.ruleset },
    result: p.ruleset,
  },
  {
    operation: "updateFirewallRuleset",
    call: (c) => c.firewallRulesets.update(p.RULESET_ID, { name: "web-2" }),
    method: "PATCH",
    path: `/firewall-rulesets/${p.RULESET_ID}`,
    body: { name: "web-2" },
    response: { data: { ...p.ruleset, name: "web-2" } },
    result: { ...p.ruleset, name: "web-2" },
  },
  {
    operation: "deleteFirewallRuleset",
    call: (c) => c.firewallRulesets.delete(p.RULESET_ID),
    method: "DELETE",
    path: `/firewall-rulesets/${p.RULESET_ID}`,
    response: { data: {} },
    result: {},
  },
  {
    operation: "getAuditEvents",
    call: (c) => c.auditEvents.page({ start: new Date("2026-01-01T00:00:00Z"), resource_type: "cloud.instance" }),
    method: "GET",
    path: "/audit-events",
    query: "start=2026-01-01T00%3A00%3A00.000Z&resource_type=cloud.instance",
    response: { data: [p.auditEvent], page_token: null },
    result: { data: [p.auditEvent], page_token: null },
  },
  {
    operation: "listTickets",
    call: (c) => c.tickets.page({ status: ["open", "pending"], order_by: "created_at", direction: "desc" }),
    method: "GET",
    path: "/tickets",
    query: "status=open&status=pending&order_by=created_at&direction=desc",
    response: { data: { tickets: [p.ticket], page_token: null } },
    result: { tickets: [p.ticket], page_token: null },
  },
  {
    operation: "createTicket",
    call: (c) => c.tickets.create(ticketBody),
    method: "POST",
    path: "/tickets",
    body: ticketBody,
    response: { data: { id: p.TICKET_ID, status: "open", type: "incident", created_at: "2026-01-05T12:00:00Z" } },
    result: { id: p.TICKET_ID, status: "open", type: "incident", created_at: "2026-01-05T12:00:00Z" },
  },
  {
    operation: "getTicket",
    call: (c) => c.tickets.get(p.TICKET_ID),
    method: "GET",
    path: `/tickets/${p.TICKET_ID}`,
    response: { data: p.ticket },
    result: p.ticket,
  },
  {
    operation: "updateTicket",
    call: (c) => c.tickets.update(p.TICKET_ID, { comment: { body: "rebooted, still broken" } }),
    method: "PATCH",
    path: `/tickets/${p.TICKET_ID}`,
    body: { comment: { body: "rebooted, still broken" } },
    response: { data: {} },
    status: 202,
    result: {},
  },
  {
    operation: "listAttachments",
    call: (c) => c.tickets.attachments.list(p.TICKET_ID, { status: "pending" }),
    method: "GET",
    path: `/tickets/${p.TICKET_ID}/attachments`,
    query: "status=pending",
    response: { data: { attachments: [p.attachment] } },
    result: [p.attachment],
  },
  {
    operation: "initiateAttachmentUpload",
    call: (c) =>
      c.tickets.attachments.create(p.TICKET_ID, { filename: "dmesg.txt", content_type: "text/plain", size_bytes: 5 }),
    method: "POST",
    path: `/tickets/${p.TICKET_ID}/attachments`,
    body: { filename: "dmesg.txt", content_type: "text/plain", size_bytes: 5 },
    response: {
      data: {
        attachment_id: p.ATTACHMENT_ID,
        upload_url: "https://uploads.test/x",
        upload_method: "PUT",
        upload_status: "pending",
        expires_in: 900,
      },
    },
    result: {
      attachment_id: p.ATTACHMENT_ID,
      upload_url: "https://uploads.test/x",
      upload_method: "PUT",
      upload_status: "pending",
      expires_in: 900,
    },
  },
  {
    operation: "completeAttachmentUpload",
    call: (c) => c.tickets.attachments.complete(p.TICKET_ID, p.ATTACHMENT_ID),
    method: "POST",
    path: `/tickets/${p.TICKET_ID}/attachments/${p.ATTACHMENT_ID}/complete`,
    response: { data: p.attachment },
    result: p.attachment,
  },
  {
    operation: "getAttachmentDownloadUrl",
    call: (c) => c.tickets.attachments.downloadUrl(p.TICKET_ID, p.ATTACHMENT_ID),
    method: "GET",
    path: `/tickets/${p.TICKET_ID}/attachments/${p.ATTACHMENT_ID}/download`,
    response: { data: { download_url: "https://downloads.test/x", expires_in: 300 } },
    result: { download_url: "https://downloads.test/x", expires_in: 300 },
  },
  {
    operation: "deleteAttachment",
    call: (c) => c.tickets.attachments.delete(p.TICKET_ID, p.ATTACHMENT_ID),
    method: "DELETE",
    path: `/tickets/${p.TICKET_ID}/attachments/${p.ATTACHMENT_ID}`,
    response: { data: {} },
    result: {},
  },
];

describe("each operation's request and response", () => {
  it("covers all 34 operations", () => {
    expect(new Set(cases.map((c) => c.operation))).toEqual(new Set(operationList.map((op) => op.id)));
  });

  for (const testCase of cases) {
    it(`${testCase.operation}: sends ${testCase.method} ${testCase.path}${testCase.query ? `?${testCase.query}` : ""} and returns the validated payload`, async () => {
      const api = createMockApi(() => Response.json(testCase.response, { status: testCase.status ?? 200 }));
      const result = await testCase.call(clientFor(api));
      expect(api.requests).toHaveLength(1);
      const [request] = api.requests;
      expect(request?.method).toBe(testCase.method);
      expect(request?.url.pathname).toBe(`/api/v1${testCase.path}`);
      expect(request?.url.search).toBe(testCase.query ? `?${testCase.query}` : "");
      expect(request?.body).toEqual(testCase.body);
      expect(request?.headers.get("authorization")).toBe("Bearer test-key");
      expect(request?.headers.get("accept")).toBe("application/json");
      if (testCase.body !== undefined) expect(request?.headers.get("content-type")).toBe("application/json");
      expect(result).toEqual(testCase.result);
    });
  }
});

describe("response handling", () => {
  it("keeps unknown fields and passes unknown enum values through as strings", async () => {
    const future = { ...p.instance, status: "hibernating", gpu_health: "ok" };
    const api = createMockApi(() => ok(future));
    const got = await clientFor(api).instances.get(p.INSTANCE_ID);
    expect(got.status).toBe("hibernating");
    expect((got as Record<string, unknown>).gpu_health).toBe("ok");
  });

  it("accepts an instance from an older API without the fields added later", async () => {
    const { actions, private_ip, tags, ...old } = p.instance;
    const oldType = {
      name: "gpu_1x_a10",
      description: "1x A10",
      price_cents_per_hour: 60,
      specs: { vcpus: 30, memory_gib: 200, storage_gib: 1400 },
    };
    const api = createMockApi(() => ok([{ ...old, instance_type: oldType, ip: null, name: null }]));
    const [got] = await clientFor(api).instances.list();
    expect(got?.actions).toBeUndefined();
    expect(got?.instance_type.architecture).toBeUndefined();
  });

  it("reads both audit-event page shapes (1.9+ token beside data, 1.8.3 nested) into { data, page_token }", async () => {
    const pages = [
      { data: { events: [p.auditEvent], page_token: "t2" } },
      { data: [{ ...p.auditEvent, event_id: "evt_2" }], page_token: null },
    ];
    const api = createMockApi((_request, attempt) => Response.json(pages[attempt - 1]));
    const ids: string[] = [];
    for await (const event of clientFor(api).auditEvents.list({ resource_type: "cloud.instance" }))
      ids.push(event.event_id);
    expect(ids).toEqual(["evt_1", "evt_2"]);
    expect(api.requests.map((r) => r.url.searchParams.get("page_token"))).toEqual([null, "t2"]);
    expect(api.requests.every((r) => r.url.searchParams.get("resource_type") === "cloud.instance")).toBe(true);
  });

  it("walks ticket pages until the token is null", async () => {
    const api = createMockApi((request) =>
      ok(
        request.url.searchParams.get("page_token") === "next"
          ? { tickets: [{ ...p.ticket, id: "b".repeat(32) }], page_token: null }
          : { tickets: [p.ticket], page_token: "next" },
      ),
    );
    const ids: string[] = [];
    for await (const t of clientFor(api).tickets.list()) ids.push(t.id);
    expect(ids).toEqual([p.TICKET_ID, "b".repeat(32)]);
  });

  it("returns the raw payload without validating when validateResponses is false", async () => {
    const api = createMockApi(() => ok([{ id: 1 }]));
    await expect(clientFor(api, { validateResponses: false }).instances.list()).resolves.toEqual([{ id: 1 }]);
  });

  it("accepts the empty 200 body that old API versions sent for deletes", async () => {
    const api = createMockApi(() => new Response("", { status: 200 }));
    await expect(clientFor(api).sshKeys.delete(p.SSH_KEY_ID)).resolves.toEqual({});
  });

  it("uploads an attachment in three steps, sending the bytes to the presigned URL without the API key", async () => {
    const api = createMockApi((request) => {
      if (request.url.host === "uploads.test") return new Response(null, { status: 200 });
      if (request.url.pathname.endsWith("/complete")) return ok(p.attachment);
      return ok({
        attachment_id: p.ATTACHMENT_ID,
        upload_url: "https://uploads.test/put/abc",
        upload_method: "PUT",
        upload_status: "pending",
        expires_in: 900,
      });
    });
    const got = await clientFor(api).tickets.attachments.upload(p.TICKET_ID, {
      filename: "dmesg.txt",
      content_type: "text/plain",
      body: "hello",
    });
    expect(got).toEqual(p.attachment);
    const [initiate, upload, complete] = api.requests;
    expect(initiate?.body).toEqual({ filename: "dmesg.txt", content_type: "text/plain", size_bytes: 5 });
    expect(upload?.method).toBe("PUT");
    expect(upload?.url.href).toBe("https://uploads.test/put/abc");
    expect(upload?.headers.get("authorization")).toBeNull();
    expect(upload?.headers.get("content-type")).toBe("text/plain");
    expect(complete?.url.pathname).toBe(`/api/v1/tickets/${p.TICKET_ID}/attachments/${p.ATTACHMENT_ID}/complete`);
  });

  it("sends HTTP Basic with the key as username and an empty password when authScheme is basic", async () => {
    const api = createMockApi(() => ok([]));
    await clientFor(api, { apiKey: "k3y", authScheme: "basic" }).regions.list();
    expect(api.requests[0]?.headers.get("authorization")).toBe(`Basic ${btoa("k3y:")}`);
  });

  it("sends a User-Agent outside browsers, none when userAgent is false, and merges per-call headers", async () => {
    const api = createMockApi(() => ok([]));
    await clientFor(api).regions.list({ headers: { "x-trace": "1" } });
    await clientFor(api, { userAgent: false }).regions.list();
    expect(api.requests[0]?.headers.get("user-agent")).toMatch(/^lambda-cloud\/\d+\.\d+\.\d+$/);
    expect(api.requests[0]?.headers.get("x-trace")).toBe("1");
    expect(api.requests[1]?.headers.get("user-agent")).toBeNull();
  });
});
