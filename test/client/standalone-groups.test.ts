// Each resource group is also a client of its own (`new InstancesClient(options)`), for a program
// that needs one group and should bundle only it (the size budget is in .size-limit.mjs). Built
// apart, a group takes the options of LambdaCloudClient, with the same checks and defaults, and
// answers as the client's own group does.
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AuditEventsClient,
  AuthenticationError,
  ConfigurationError,
  createRateLimiter,
  FilesystemsClient,
  FirewallRulesClient,
  FirewallRulesetsClient,
  ImagesClient,
  InstancesClient,
  InstanceTypesClient,
  LambdaCloudClient,
  type LambdaCloudClientOptions,
  RegionsClient,
  type RequestedFirewallRule,
  SSHKeysClient,
  TicketsClient,
} from "../../src/index.js";
import { createMockApi, ok } from "../helpers/mock-api.js";
import { BASE_URL, harness, launchable, leaks } from "../testing/helpers.js";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/** A simulator with something in every group, the client of it, and the options of that client. */
function populated() {
  const { sim, client, key } = harness();
  const launch = launchable(sim);
  sim.state.addFilesystem({ name: "datasets", region: "us-west-1" });
  const ssh: RequestedFirewallRule = {
    protocol: "tcp",
    port_range: [22, 22],
    source_network: "0.0.0.0/0",
    description: "ssh",
  };
  sim.state.addFirewallRuleset({ name: "ssh-only", region: "us-west-1", rules: [ssh] });
  const options: LambdaCloudClientOptions = { apiKey: key, fetch: sim.fetch, baseUrl: BASE_URL, rateLimit: false };
  return { sim, client, key, launch, options, ssh };
}

describe("a resource group built on its own", () => {
  it("answers every read as the client's own group does", async () => {
    const { client, launch, options, ssh } = populated();
    await client.instances.launch(launch);
    await client.firewallRules.replace([ssh]);
    await client.tickets.create({ subject: "Quota", description: "Two more A10s, please.", type: "service_request" });
    const reads: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      ["instances", () => new InstancesClient(options).list(), () => client.instances.list()],
      ["instanceTypes", () => new InstanceTypesClient(options).list(), () => client.instanceTypes.list()],
      ["regions", () => new RegionsClient(options).list(), () => client.regions.list()],
      ["images", () => new ImagesClient(options).list(), () => client.images.list()],
      ["sshKeys", () => new SSHKeysClient(options).list(), () => client.sshKeys.list()],
      ["filesystems", () => new FilesystemsClient(options).list(), () => client.filesystems.list()],
      ["firewallRules", () => new FirewallRulesClient(options).list(), () => client.firewallRules.list()],
      ["firewallRulesets", () => new FirewallRulesetsClient(options).list(), () => client.firewallRulesets.list()],
      ["auditEvents", () => new AuditEventsClient(options).page(), () => client.auditEvents.page()],
      ["tickets", () => new TicketsClient(options).page(), () => client.tickets.page()],
    ];
    for (const [group, alone, ofClient] of reads) {
      const answer = await alone();
      expect(answer, group).toEqual(await ofClient());
      expect(JSON.stringify(answer), `${group} answered something`).not.toMatch(/^(\[\]|\{\})$/);
    }
  });

  it("launches, and its launch is the client's to see", async () => {
    const { client, launch, options } = populated();
    const instances = new InstancesClient(options);
    const { instance_ids: [id] = [] } = await instances.launch(launch);
    expect((await client.instances.get(id!)).id).toBe(id);
  });

  it("gives the tickets group its attachments, on the same transport", async () => {
    const { options } = populated();
    const tickets = new TicketsClient(options);
    const { id } = await tickets.create({ subject: "Logs", description: "See the file.", type: "service_request" });
    await tickets.attachments.upload(id, { filename: "dmesg.txt", content_type: "text/plain", body: "Xid 79" });
    expect((await tickets.attachments.list(id)).map((attachment) => attachment.filename)).toEqual(["dmesg.txt"]);
  });

  it("takes its defaults from the same place: the key from LAMBDA_API_KEY", async () => {
    const { key, sim } = populated();
    vi.stubEnv("LAMBDA_API_KEY", key);
    expect(await new RegionsClient({ fetch: sim.fetch, baseUrl: BASE_URL, rateLimit: false }).list()).toEqual(
      await new LambdaCloudClient({ fetch: sim.fetch, baseUrl: BASE_URL, rateLimit: false }).regions.list(),
    );
  });

  it("checks its options as the client does, with the same message", () => {
    const bad: LambdaCloudClientOptions[] = [
      { timeoutMs: -1 },
      { maxRetries: 1.5 },
      { baseUrl: "ftp://example.com" },
      { rateLimit: false, rateLimiter: createRateLimiter() },
      { retries: 3 } as LambdaCloudClientOptions,
    ];
    for (const options of bad) {
      const fromClient = messageOf(() => new LambdaCloudClient(options));
      expect(fromClient, JSON.stringify(options)).toMatch(/./);
      expect(() => new InstancesClient(options)).toThrow(ConfigurationError);
      expect(messageOf(() => new InstancesClient(options))).toBe(fromClient);
    }
  });

  it("spaces its requests with a limiter of its own, or with one it shares with another group", async () => {
    vi.useFakeTimers();
    const arrivals: number[] = [];
    const api = createMockApi(() => {
      arrivals.push(Date.now());
      return ok([]);
    });
    const options = { apiKey: "test-key", baseUrl: "https://api.test/api/v1", fetch: api.fetch };
    const start = Date.now();
    const alone = new RegionsClient(options);
    const own = [alone.list(), alone.list()];
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all(own);
    expect(arrivals.map((time) => time - start)).toEqual([0, 1_000]);

    arrivals.length = 0;
    const shared = createRateLimiter();
    const regions = new RegionsClient({ ...options, rateLimiter: shared });
    const images = new ImagesClient({ ...options, rateLimiter: shared });
    const sharedStart = Date.now();
    const calls = [regions.list(), images.list(), regions.list()];
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all(calls);
    expect(arrivals.map((time) => time - sharedStart)).toEqual([0, 1_000, 2_000]);
  });

  it("never shows the key: not when printed, not in JSON, not in an error", async () => {
    const { sim } = populated();
    const refused = `lc-sentinel-${crypto.randomUUID()}`;
    const instances = new InstancesClient({ apiKey: refused, fetch: sim.fetch, baseUrl: BASE_URL, rateLimit: false });
    const error = await instances.list().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AuthenticationError);
    for (const output of [
      inspect(instances, { depth: 10 }),
      JSON.stringify(instances),
      inspect(error, { depth: 10 }),
    ]) {
      expect(leaks(output, refused)).toBe(false);
    }
  });
});

function messageOf(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}
