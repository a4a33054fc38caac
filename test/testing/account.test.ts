import { describe, expect, it } from "vitest";
import {
  type AccountFixture,
  AccountFixtureError,
  createSimulator,
  DEMO_ACCOUNT,
  INSTANCE_TYPES,
} from "../../src/testing/index";
import { harness } from "./helpers";

function fixtureError(account: unknown): AccountFixtureError {
  try {
    createSimulator({ account: account as AccountFixture, clock: "manual" });
  } catch (error) {
    expect(error).toBeInstanceOf(AccountFixtureError);
    return error as AccountFixtureError;
  }
  throw new Error("the fixture was accepted");
}

describe("account fixtures", () => {
  it("without one, the account is empty", () => {
    const { sim } = harness();
    expect(sim.state.sshKeys()).toEqual([]);
    expect(sim.state.instances()).toEqual([]);
    expect(sim.state.filesystems()).toEqual([]);
  });

  it("DEMO_ACCOUNT holds an SSH key named laptop, a filesystem in use, three active instances with ips, and the full catalog", async () => {
    const { sim, client } = harness({ account: DEMO_ACCOUNT });
    expect((await client.sshKeys.list()).map((key) => key.name)).toEqual(["laptop"]);
    expect(await client.filesystems.list()).toEqual([
      expect.objectContaining({ name: "shared-datasets", is_in_use: true }),
    ]);
    const instances = await client.instances.list();
    expect(instances.map((instance) => [instance.name, instance.status])).toEqual([
      ["training-a100", "active"],
      ["notebook", "active"],
      ["inference", "active"],
    ]);
    expect(instances.every((instance) => /^\d+\.\d+\.\d+\.\d+$/.test(instance.ip ?? ""))).toBe(true);
    expect(Object.keys(await client.instanceTypes.list()).sort()).toEqual(
      INSTANCE_TYPES.map((type) => type.name).sort(),
    );
    expect(sim.state.auditEvents()).toEqual([]);
  });

  it("DEMO_ACCOUNT lets the README's quick start launch a gpu_1x_a10 in us-west-1 with the laptop key", async () => {
    const { client } = harness({ account: DEMO_ACCOUNT });
    const { instance_ids } = await client.instances.launch({
      region_name: "us-west-1",
      instance_type_name: "gpu_1x_a10",
      ssh_key_names: ["laptop"],
    });
    expect(instance_ids).toHaveLength(1);
  });

  it("applies each list through the API's rules: instances mount filesystems by name and quotas and capacity are pinned", () => {
    const { sim } = harness({
      account: {
        quotas: { instances: 3 },
        capacity: [{ instance_type_name: "gpu_1x_h100_pcie", region_name: "us-east-1", units: 0 }],
        ssh_keys: [{ name: "ci" }],
        filesystems: [{ name: "data", region: "us-east-1" }],
        firewall_rulesets: [
          {
            name: "web",
            region: "us-east-1",
            rules: [{ protocol: "tcp", port_range: [443, 443], source_network: "0.0.0.0/0", description: "https" }],
          },
        ],
        // Fixture instances already exist: they are placed even where capacity is now 0.
        instances: [
          {
            region_name: "us-east-1",
            instance_type_name: "gpu_1x_h100_pcie",
            ssh_key_names: ["ci"],
            file_system_names: ["data"],
          },
        ],
        tickets: [{ subject: "GPU errors", description: "Xid 79 on boot", type: "service_request" }],
      },
    });
    expect(sim.state.quotas().instances).toBe(3);
    expect(sim.state.capacity("gpu_1x_h100_pcie", "us-east-1")).toBe(0);
    expect(sim.state.instances()).toEqual([expect.objectContaining({ status: "active", file_system_names: ["data"] })]);
    expect(sim.state.firewallRulesets().map((ruleset) => ruleset.name)).toEqual(["web"]);
    expect(sim.state.tickets().map((ticket) => ticket.subject)).toEqual(["GPU errors"]);
  });

  it.each<[string, unknown, string]>([
    ["a value that is not an object", [], "(root)"],
    ["an unknown top-level field", { instance: [] }, "instance"],
    ["a list that is not a list", { ssh_keys: { name: "laptop" } }, "ssh_keys"],
    ["an entry that is not an object", { filesystems: ["data"] }, "filesystems[0]"],
    ["an entry of the wrong shape", { ssh_keys: [{ name: "ok" }, { name: "" }] }, "ssh_keys[1].name"],
    ["an unknown region", { filesystems: [{ name: "data", region: "us-nowhere-1" }] }, "filesystems[0].region"],
    [
      "an instance of an unknown type",
      {
        ssh_keys: [{ name: "k" }],
        instances: [{ region_name: "us-west-1", instance_type_name: "gpu_9x_x", ssh_key_names: ["k"] }],
      },
      "instances[0].instance_type_name",
    ],
    [
      "an instance with an SSH key that is not in the fixture",
      { instances: [{ region_name: "us-west-1", instance_type_name: "gpu_1x_a10", ssh_key_names: ["laptop"] }] },
      "instances[0]",
    ],
    [
      "capacity of an unknown type",
      { capacity: [{ instance_type_name: "gpu_0x", region_name: "us-west-1", units: 1 }] },
      "capacity[0].instance_type_name",
    ],
    [
      "capacity that is not a whole number",
      { capacity: [{ instance_type_name: "gpu_1x_a10", region_name: "us-west-1", units: -1 }] },
      "capacity[0].units",
    ],
    ["an unknown quota", { quotas: { gpus: 4 } }, "quotas.gpus"],
  ])("refuses %s, naming the field", (_case, account, path) => {
    const error = fixtureError(account);
    expect(error.problems[0]?.path).toBe(path);
    expect(error.message).toContain(`${path}: `);
  });

  it("names the missing SSH key of an instance", () => {
    const error = fixtureError({
      instances: [{ region_name: "us-west-1", instance_type_name: "gpu_1x_a10", ssh_key_names: ["laptop"] }],
    });
    expect(error.message).toBe('Invalid account fixture: instances[0]: The SSH key named "laptop" does not exist.');
  });
});
