// Scarce capacity on the simulator's manual clock, seen through the real client.
import { describe, expect, it } from "vitest";
import { parseBinArgs } from "../../src/testing/bin-options";
import { INSTANCE_TYPES, REGIONS, type Simulator } from "../../src/testing/index";
import { harness } from "./helpers";

const PAIRS = INSTANCE_TYPES.length * REGIONS.length;

/** The (type, region) pairs with capacity now, as `type/region`. */
function pairsWithCapacity(sim: Simulator): string[] {
  return INSTANCE_TYPES.flatMap((type) =>
    REGIONS.filter((region) => sim.state.capacity(type.name, region.name) > 0).map(
      (region) => `${type.name}/${region.name}`,
    ),
  );
}

/** Which pairs have capacity, minute by minute, for `minutes` simulated minutes. */
function timeline(sim: Simulator, minutes: number): string[][] {
  const seen: string[][] = [];
  for (let minute = 0; minute < minutes; minute++) {
    seen.push(pairsWithCapacity(sim));
    sim.clock.advance(60_000);
  }
  return seen;
}

describe("scarce capacity (scarce: true, --scarce)", () => {
  it("leaves most pairs empty, and capacity appears and vanishes as the clock moves", () => {
    const seen = timeline(harness({ scarce: true }).sim, 120);
    const counts = seen.map((minute) => minute.length);
    // About one pair in twenty at a time, never most of them.
    expect(Math.max(...counts)).toBeLessThan(PAIRS / 4);
    const average = counts.reduce((sum, count) => sum + count, 0) / counts.length;
    expect(average).toBeGreaterThan(PAIRS * 0.01);
    expect(average).toBeLessThan(PAIRS * 0.1);
    // Pairs come and go: some pair has capacity in one minute and not in the next, and the reverse.
    const appeared = seen.slice(1).some((minute, index) => minute.some((pair) => !seen[index]!.includes(pair)));
    const vanished = seen.slice(1).some((minute, index) => seen[index]!.some((pair) => !minute.includes(pair)));
    expect([appeared, vanished]).toEqual([true, true]);
  });

  it("is reproducible: the same seed gives the same timeline, another seed another", () => {
    const first = timeline(harness({ scarce: { seed: 7 } }).sim, 30);
    expect(timeline(harness({ scarce: { seed: 7 } }).sim, 30)).toEqual(first);
    expect(timeline(harness({ scarce: { seed: 8 } }).sim, 30)).not.toEqual(first);
    // Without its own seed, scarce capacity follows the simulator's.
    expect(timeline(harness({ seed: 7, scarce: true }).sim, 30)).toEqual(first);
  });

  it("follows chance and maxUnits: chance 1 fills every pair with 1 to maxUnits units, chance 0 empties them", () => {
    const full = harness({ scarce: { chance: 1, maxUnits: 3 } }).sim;
    const units = INSTANCE_TYPES.flatMap((type) =>
      REGIONS.map((region) => full.state.capacity(type.name, region.name)),
    );
    expect(Math.min(...units)).toBe(1);
    expect(Math.max(...units)).toBe(3);
    expect(timeline(harness({ scarce: { chance: 0 } }).sim, 30).flat()).toEqual([]);
  });

  it("is what the API answers: availability lists the scarce pairs, and a launch where there is none fails", async () => {
    const { sim, client } = harness({ scarce: { seed: 3 } });
    sim.state.addSSHKey({ name: "laptop" });
    const now = pairsWithCapacity(sim);
    const available = (await client.instanceTypes.availability()).map((entry) => `${entry.type}/${entry.region}`);
    expect(available.sort()).toEqual(now.sort());
    const empty = INSTANCE_TYPES.flatMap((type) => REGIONS.map((region) => `${type.name}/${region.name}`)).find(
      (pair) => !now.includes(pair),
    )!;
    const [instance_type_name, region_name] = empty.split("/") as [string, string];
    await expect(
      client.instances.launch({ instance_type_name, region_name, ssh_key_names: ["laptop"] }),
    ).rejects.toMatchObject({
      code: "instance-operations/launch/insufficient-capacity",
    });
  });

  it("yields to pinned capacity", () => {
    const { sim } = harness({ scarce: { chance: 0 } });
    sim.state.setCapacity("gpu_1x_h100_pcie", "us-east-1", 2);
    expect(sim.state.capacity("gpu_1x_h100_pcie", "us-east-1")).toBe(2);
    expect(sim.state.capacity("gpu_1x_h100_pcie", "us-west-1")).toBe(0);
  });

  it.each([
    [{ chance: 2 }, /scarce\.chance must be a probability from 0 to 1, got 2/],
    [
      { windowMs: 0, maxUnits: 1.5 },
      /scarce\.windowMs must be a whole number of milliseconds ≥ 1, got 0; scarce\.maxUnits must be a whole number ≥ 1, got 1\.5/,
    ],
    [{ seed: 0.5 }, /scarce\.seed must be an integer/],
  ])("refuses %j, naming the setting", (scarce, message) => {
    expect(() => harness({ scarce })).toThrow(message);
  });

  it("is --scarce on the bin, seeded by --seed", () => {
    expect(parseBinArgs(["--scarce", "--seed", "4"]).simulator).toEqual({ scarce: true, seed: 4 });
  });
});
