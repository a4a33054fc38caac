import { describe, expect, it } from "vitest";
import { type InstanceLaunchRequest, RequestValidationError } from "../../src/index.js";
import { clientFor, createMockApi, ok } from "../helpers/mock-api.js";
import { INSTANCE_ID } from "../helpers/payloads.js";

function setup() {
  const api = createMockApi(() => ok({}));
  return { api, client: clientFor(api) };
}

async function problemsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RequestValidationError);
  return Object.fromEntries((error as RequestValidationError).problems.map((p) => [p.path, p.message]));
}

const base = {
  region_name: "us-west-1",
  instance_type_name: "gpu_1x_a10",
  ssh_key_names: ["laptop"],
} satisfies InstanceLaunchRequest;

describe("request validation, before anything is sent", () => {
  it("lists every launch problem with its path and a readable message, and sends nothing", async () => {
    const { api, client } = setup();
    const problems = await problemsOf(
      client.instances.launch({
        region_name: "",
        instance_type_name: "gpu_1x_a10",
        ssh_key_names: ["a", "b"] as never,
        hostname: "Bad_Host",
        name: "n".repeat(65),
        tags: [
          { key: "lambda-ai-owner", value: "me" },
          { key: "Team", value: "v".repeat(129) },
        ],
        file_system_mounts: [{ mount_point: "/etc/passwd", file_system_id: "nope" }],
        image: { id: "x", family: "y" } as never,
        user_data: "x".repeat(1024 * 1024 + 1),
      }),
    );
    expect(problems).toEqual({
      region_name: "must not be empty",
      ssh_key_names: "must hold exactly one key name",
      hostname: "must be 1-63 characters of lowercase letters, digits and '-', starting with a letter or digit",
      name: "must be at most 64 characters",
      "tags[0].key": 'must not start with "lambda-ai-" (reserved by Lambda)',
      "tags[1].key": "must start with a lowercase letter and have at least 2 characters of a-z, 0-9, '-' or ':'",
      "tags[1].value": "must be at most 128 characters",
      "file_system_mounts[0].mount_point":
        "must start with /home, /lambda/nfs or /data and use only letters, digits, '-' and '/'",
      "file_system_mounts[0].file_system_id": "must be a 32-character lowercase hex id, as the API returns it",
      image: "must be either { id } or { family }",
      user_data: "must be at most 1 MiB (1,048,576 bytes) of UTF-8",
    });
    expect(api.requests).toHaveLength(0);
  });

  it("rejects unknown launch fields (request schemas are strict)", async () => {
    const { client } = setup();
    const problems = await problemsOf(client.instances.launch({ ...base, quantity: 2 } as never));
    expect(Object.keys(problems)).toEqual(["quantity"]);
  });

  it("counts user_data in UTF-8 bytes, not characters", async () => {
    const { client } = setup();
    const problems = await problemsOf(client.instances.launch({ ...base, user_data: "é".repeat(600_000) }));
    expect(problems.user_data).toContain("1 MiB");
  });

  it("requires port_range for tcp, udp and all, and forbids it for icmp", async () => {
    const { client } = setup();
    const problems = await problemsOf(
      client.firewallRules.replace([
        { protocol: "tcp", source_network: "0.0.0.0/0", description: "" },
        { protocol: "icmp", port_range: [1, 1], source_network: "0.0.0.0/0", description: "" },
      ]),
    );
    expect(problems).toEqual({
      "data[0].port_range": "is required for tcp, udp and all, and not allowed for icmp",
      "data[1].port_range": "is required for tcp, udp and all, and not allowed for icmp",
    });
  });

  it("checks port numbers, port order, CIDRs and description length", async () => {
    const { client } = setup();
    const problems = await problemsOf(
      client.firewallRulesets.create({
        name: "web",
        region: "us-west-1",
        rules: [
          { protocol: "udp", port_range: [0, 70000], source_network: "10.0.0.0/33", description: "d".repeat(129) },
          { protocol: "tcp", port_range: [443, 80], source_network: "256.1.1.1", description: "" },
        ],
      }),
    );
    expect(problems).toEqual({
      "rules[0].port_range[0]": "must be at least 1",
      "rules[0].port_range[1]": "must be at most 65535",
      "rules[0].source_network": 'must be an IPv4 address or CIDR such as "203.0.113.0/24" ("0.0.0.0/0" for any)',
      "rules[0].description": "must be at most 128 characters",
      "rules[1].port_range": "must be [min, max] with min <= max",
      "rules[1].source_network": 'must be an IPv4 address or CIDR such as "203.0.113.0/24" ("0.0.0.0/0" for any)',
    });
  });

  it("applies the filesystem name rules", async () => {
    const { client } = setup();
    expect(await problemsOf(client.filesystems.create({ name: "1data", region: "us-west-1" }))).toEqual({
      name: "must start with a letter and contain only letters, digits and '-'",
    });
    expect(await problemsOf(client.filesystems.create({ name: "a".repeat(61), region: "us-west-1" }))).toEqual({
      name: "must be at most 60 characters",
    });
  });

  it("checks SSH key names and public key lengths", async () => {
    const { client } = setup();
    expect(await problemsOf(client.sshKeys.create({ name: "", public_key: "k".repeat(4097) }))).toEqual({
      name: "must not be empty",
      public_key: "must be at most 4096 characters",
    });
  });

  it("checks path ids before building the URL", async () => {
    const { api, client } = setup();
    expect(await problemsOf(client.instances.get("../../ssh-keys"))).toEqual({
      id: "must be a 32-character lowercase hex id, as the API returns it",
    });
    expect(await problemsOf(client.tickets.attachments.complete(INSTANCE_ID, "a/b"))).toEqual({
      attachment_id: "must be an id of 1-128 letters, digits, '-' and '_'",
    });
    expect(api.requests).toHaveLength(0);
  });

  it("requires severity for incidents and forbids it for service requests", async () => {
    const { client } = setup();
    expect(await problemsOf(client.tickets.create({ subject: "s", description: "d", type: "incident" }))).toEqual({
      severity: "is required for incidents and not allowed for service requests",
    });
    expect(
      await problemsOf(
        client.tickets.create({ subject: "s", description: "d", type: "service_request", severity: "sev_1" }),
      ),
    ).toEqual({ severity: "is required for incidents and not allowed for service requests" });
  });

  it("names the operation and every problem in the message", async () => {
    const { client } = setup();
    const error = (await client.instances
      .update(INSTANCE_ID, { name: "x".repeat(70), tags: [{ key: "ok-key", value: "v" }] })
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      "Invalid arguments for postInstance; nothing was sent: name must be at most 64 characters.",
    );
  });
});
