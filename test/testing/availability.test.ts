// instanceTypes.availability through the real client against the simulator's catalog.
import { describe, expect, it } from "vitest";
import { RequestValidationError } from "../../src/index";
import { INSTANCE_TYPES, REGIONS } from "../../src/testing/index";
import { type Harness, harness } from "./helpers";

/** A simulator with no capacity anywhere except what `open` lists. */
function only(open: ReadonlyArray<readonly [type: string, region: string]>): Harness {
  const h = harness();
  for (const type of INSTANCE_TYPES) for (const region of REGIONS) h.sim.state.setCapacity(type.name, region.name, 0);
  for (const [type, region] of open) h.sim.state.setCapacity(type, region, 2);
  return h;
}

const pairs = (list: ReadonlyArray<{ type: string; region: string }>) =>
  list.map(({ type, region }) => `${type}@${region}`);

describe("instanceTypes.availability", () => {
  it("lists every (type, region) pair with capacity, cheapest first, then by type and region name", async () => {
    const { client } = only([
      ["gpu_8x_h100_sxm5", "us-east-1"],
      ["gpu_1x_a10", "us-west-2"],
      ["gpu_1x_a10", "us-east-1"],
      ["cpu_4x_general", "asia-northeast-1"],
      ["gpu_1x_a6000", "us-west-1"],
    ]);
    const list = await client.instanceTypes.availability();
    expect(pairs(list)).toEqual([
      "cpu_4x_general@asia-northeast-1",
      "gpu_1x_a10@us-east-1",
      "gpu_1x_a10@us-west-2",
      "gpu_1x_a6000@us-west-1",
      "gpu_8x_h100_sxm5@us-east-1",
    ]);
    expect(list[4]).toMatchObject({
      regionDescription: "Virginia, USA",
      priceCentsPerHour: 2392,
      gpus: 8,
      gpuDescription: "H100 (80 GB SXM5)",
      vcpus: 208,
      memoryGib: 1800,
      storageGib: 24_500,
    });
    expect(list[4]?.instanceType.name).toBe("gpu_8x_h100_sxm5");
  });

  it("agrees with the raw catalog on the seed's own capacity", async () => {
    const { client } = harness();
    const raw = await client.instanceTypes.list();
    const expected = Object.values(raw).flatMap((entry) =>
      entry.regions_with_capacity_available.map((region) => `${entry.instance_type.name}@${region.name}`),
    );
    const list = await client.instanceTypes.availability();
    expect(new Set(pairs(list))).toEqual(new Set(expected));
    expect(list.length).toBe(expected.length);
    for (let i = 1; i < list.length; i++)
      expect(list[i]!.priceCentsPerHour).toBeGreaterThanOrEqual(list[i - 1]!.priceCentsPerHour);
  });

  it("matches a GPU substring case-insensitively against the GPU description and the type name", async () => {
    const { client } = only([
      ["gpu_1x_h100_pcie", "us-west-1"],
      ["gpu_8x_h100_sxm5", "us-west-1"],
      ["gpu_1x_a100_sxm4", "us-west-1"],
      ["gpu_1x_gh200", "us-west-1"],
    ]);
    expect(pairs(await client.instanceTypes.availability({ gpu: "h100" }))).toEqual([
      "gpu_1x_h100_pcie@us-west-1",
      "gpu_8x_h100_sxm5@us-west-1",
    ]);
    // "sxm" appears in both descriptions and names; "pcie" only in the H100 PCIe's.
    expect(pairs(await client.instanceTypes.availability({ gpu: "PCIe" }))).toEqual(["gpu_1x_h100_pcie@us-west-1"]);
    // "1x_" is only in type names.
    expect(pairs(await client.instanceTypes.availability({ gpu: "1X_" }))).toEqual([
      "gpu_1x_a100_sxm4@us-west-1",
      "gpu_1x_gh200@us-west-1",
      "gpu_1x_h100_pcie@us-west-1",
    ]);
  });

  it("matches a RegExp, and a global one gives the same answer every time", async () => {
    const { client } = only([
      ["gpu_1x_h100_pcie", "us-west-1"],
      ["gpu_1x_gh200", "us-west-1"],
      ["gpu_1x_a100_sxm4", "us-west-1"],
    ]);
    expect(pairs(await client.instanceTypes.availability({ gpu: /^H100|^GH200/ }))).toEqual([
      "gpu_1x_gh200@us-west-1",
      "gpu_1x_h100_pcie@us-west-1",
    ]);
    const global = /h100/gi;
    const first = await client.instanceTypes.availability({ gpu: global });
    const second = await client.instanceTypes.availability({ gpu: global });
    expect(pairs(first)).toEqual(["gpu_1x_h100_pcie@us-west-1"]);
    expect(pairs(second)).toEqual(pairs(first));
  });

  it("filters by minimum GPUs, price cap (inclusive), regions and types together", async () => {
    const { client } = only([
      ["gpu_1x_a10", "us-west-1"],
      ["gpu_1x_a10", "us-east-1"],
      ["gpu_1x_h100_pcie", "us-east-1"],
      ["gpu_8x_a100_80gb_sxm4", "us-east-1"],
      ["gpu_8x_h100_sxm5", "us-east-1"],
      ["cpu_4x_general", "us-east-1"],
    ]);
    expect(pairs(await client.instanceTypes.availability({ minGpus: 8 }))).toEqual([
      "gpu_8x_a100_80gb_sxm4@us-east-1",
      "gpu_8x_h100_sxm5@us-east-1",
    ]);
    expect(pairs(await client.instanceTypes.availability({ maxPriceCentsPerHour: 249 }))).toEqual([
      "cpu_4x_general@us-east-1",
      "gpu_1x_a10@us-east-1",
      "gpu_1x_a10@us-west-1",
      "gpu_1x_h100_pcie@us-east-1",
    ]);
    expect(pairs(await client.instanceTypes.availability({ minGpus: 1, maxPriceCentsPerHour: 248 }))).toEqual([
      "gpu_1x_a10@us-east-1",
      "gpu_1x_a10@us-west-1",
    ]);
    expect(pairs(await client.instanceTypes.availability({ regions: ["us-west-1"] }))).toEqual([
      "gpu_1x_a10@us-west-1",
    ]);
    expect(
      pairs(
        await client.instanceTypes.availability({ types: ["gpu_1x_a10", "gpu_8x_h100_sxm5"], regions: ["us-east-1"] }),
      ),
    ).toEqual(["gpu_1x_a10@us-east-1", "gpu_8x_h100_sxm5@us-east-1"]);
    expect(await client.instanceTypes.availability({ gpu: "B200" })).toEqual([]);
  });

  it("answers an empty list when nothing has capacity", async () => {
    const { client } = only([]);
    expect(await client.instanceTypes.availability()).toEqual([]);
  });

  it("refuses a bad filter before sending anything, naming each bad field", async () => {
    const { client, sim } = only([["gpu_1x_a10", "us-west-1"]]);
    const before = sim.traffic.snapshot().requests;
    const cases: Array<[unknown, string]> = [
      [{ minGpus: -1 }, "filter.minGpus"],
      [{ minGpus: 1.5 }, "filter.minGpus"],
      [{ maxPriceCentsPerHour: Number.NaN }, "filter.maxPriceCentsPerHour"],
      [{ maxPriceCentsPerHour: "300" }, "filter.maxPriceCentsPerHour"],
      [{ gpu: 100 }, "filter.gpu"],
      [{ regions: "us-west-1" }, "filter.regions"],
      [{ types: [1] }, "filter.types[0]"],
      [{ maxPrice: 300 }, "filter.maxPrice"],
      ["H100", "filter"],
    ];
    for (const [filter, path] of cases) {
      const error = await client.instanceTypes.availability(filter as never).catch((caught: unknown) => caught);
      expect(error, path).toBeInstanceOf(RequestValidationError);
      expect((error as RequestValidationError).problems.map((problem) => problem.path)).toEqual([path]);
      expect((error as Error).message).toContain(path);
    }
    const both = await client.instanceTypes
      .availability({ minGpus: -1, regions: [2] } as never)
      .catch((caught: unknown) => caught);
    expect((both as RequestValidationError).problems.map((problem) => problem.path)).toEqual([
      "filter.minGpus",
      "filter.regions[0]",
    ]);
    expect(sim.traffic.snapshot().requests).toBe(before);
  });
});
