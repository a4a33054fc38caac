// Which failures the client retries, against the simulator with injected faults: every
// retryable status for a read, and the idempotent writes (PUT, PATCH, DELETE) after a 503.
// Fake timers stand in for the backoff waits; the simulator runs on its manual clock.
import { describe, expect, it, vi } from "vitest";
import { operationRoutes as operations } from "../../src/operations.js";
import { RETRYABLE_STATUSES } from "../../src/transport/retry-policy.js";
import { outcomeOf, useFakeBackoff } from "../helpers/fake-backoff.js";
import { harness } from "../testing/helpers.js";

const HTTPS = {
  protocol: "tcp" as const,
  port_range: [443, 443] as [number, number],
  source_network: "0.0.0.0/0",
  description: "https",
};

useFakeBackoff();

/** Settles `promise` after letting every backoff timer run. */
async function settled<T>(promise: Promise<T>): Promise<T> {
  const outcome = outcomeOf(promise);
  await vi.advanceTimersByTimeAsync(10_000);
  const result = await outcome;
  if ("error" in result) throw result.error;
  return result.value;
}

describe("retried statuses", () => {
  it("lists exactly 408, 429, 500, 502, 503 and 504 as retryable", () => {
    expect([...RETRYABLE_STATUSES].sort()).toEqual([408, 429, 500, 502, 503, 504]);
  });

  it.each([408, 429, 500, 502, 503, 504])(
    "retries a GET answered %i, and returns the answer of the retry",
    async (status) => {
      const { sim, client } = harness();
      sim.faults.add({ kind: "status", status, method: "GET", path: operations.listRegions.path });
      const regions = await settled(client.regions.list());
      expect(regions.length).toBeGreaterThan(0);
      expect(sim.faults.list()).toEqual([]);
    },
  );
});

describe("retried methods", () => {
  it("retries a PUT (replacing the legacy firewall rules) after a 503", async () => {
    const { sim, client } = harness();
    sim.faults.add({ kind: "status", status: 503, method: "PUT", path: operations.firewallRulesSet.path });
    const rules = await settled(client.firewallRules.replace([HTTPS]));
    expect(rules).toEqual([expect.objectContaining({ port_range: [443, 443] })]);
    expect(sim.faults.list()).toEqual([]);
  });

  it("retries a PATCH (renaming a ruleset) after a 503", async () => {
    const { sim, client } = harness();
    const ruleset = await client.firewallRulesets.create({ name: "web", region: "us-west-1", rules: [HTTPS] });
    sim.faults.add({ kind: "status", status: 503, method: "PATCH", path: operations.updateFirewallRuleset.path });
    const renamed = await settled(client.firewallRulesets.update(ruleset.id, { name: "web-2" }));
    expect(renamed.name).toBe("web-2");
    expect(sim.faults.list()).toEqual([]);
  });

  it("retries a DELETE (of an SSH key) after a 503", async () => {
    const { sim, client } = harness();
    const key = sim.state.addSSHKey({ name: "laptop" });
    sim.faults.add({ kind: "status", status: 503, method: "DELETE", path: operations.deleteSSHKey.path });
    await settled(client.sshKeys.delete(key.id));
    expect(sim.state.sshKeys()).toEqual([]);
    expect(sim.faults.list()).toEqual([]);
  });
});
