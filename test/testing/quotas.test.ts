// The simulator's account quotas for filesystems and firewall rulesets: exactly the quota may
// exist, one more is refused with global/quota-exceeded, and deleting one makes room again.
import { describe, expect, it } from "vitest";
import { type LambdaCloudClient, QuotaExceededError } from "../../src/index";
import { harness } from "./helpers";

const HTTPS = {
  protocol: "tcp" as const,
  port_range: [443, 443] as [number, number],
  source_network: "0.0.0.0/0",
  description: "https",
};

/** Creates and deletes one kind of resource through the client. */
interface Kind {
  readonly quota: "filesystems" | "firewallRulesets";
  create(client: LambdaCloudClient, index: number): Promise<{ id: string }>;
  delete(client: LambdaCloudClient, id: string): Promise<unknown>;
}

const kinds: [string, Kind][] = [
  [
    "filesystems",
    {
      quota: "filesystems",
      create: (client, index) => client.filesystems.create({ name: `fs-${index}`, region: "us-west-1" }),
      delete: (client, id) => client.filesystems.delete(id),
    },
  ],
  [
    "firewall rulesets",
    {
      quota: "firewallRulesets",
      create: (client, index) =>
        client.firewallRulesets.create({ name: `rs-${index}`, region: "us-west-1", rules: [HTTPS] }),
      delete: (client, id) => client.firewallRulesets.delete(id),
    },
  ],
];

describe.each(kinds)("the %s quota", (_label, kind) => {
  it("allows exactly the quota, refuses one more with global/quota-exceeded, and makes room after a delete", async () => {
    const { client } = harness({ quotas: { [kind.quota]: 3 } });
    const created = [];
    for (let index = 0; index < 3; index++) created.push(await kind.create(client, index));
    const refused = await kind.create(client, 3).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(QuotaExceededError);
    expect(refused).toMatchObject({ status: 400, code: "global/quota-exceeded" });
    await kind.delete(client, created[0]!.id);
    await expect(kind.create(client, 4)).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("is 10 by default", async () => {
    const { sim, client } = harness();
    expect(sim.state.quotas()[kind.quota]).toBe(10);
    for (let index = 0; index < 10; index++) await kind.create(client, index);
    await expect(kind.create(client, 10)).rejects.toBeInstanceOf(QuotaExceededError);
  });
});
