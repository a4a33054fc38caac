// The pure ranking of find-and-launch candidates, on a hand-made instance-types answer.
import { describe, expect, it } from "vitest";
import { RequestValidationError } from "../../src/index.js";
import { type CandidatePreferences, checkPreferences, rankCandidates } from "../../src/resources/candidates.js";
import type { InstanceTypes } from "../../src/schemas/instance-types.js";

const REGION_NAMES: Record<string, string> = {
  "us-west-1": "California, USA",
  "us-east-1": "Virginia, USA",
  "europe-central-1": "Germany",
};

function entry(name: string, gpu: string, price: number, regions: string[]) {
  return {
    instance_type: {
      name,
      description: `1x ${gpu}`,
      gpu_description: gpu,
      price_cents_per_hour: price,
      specs: { vcpus: 26, memory_gib: 200, storage_gib: 1000, gpus: 1 },
    },
    regions_with_capacity_available: regions.map((region) => ({ name: region, description: REGION_NAMES[region]! })),
  };
}

const CATALOG: InstanceTypes = {
  gpu_1x_a10: entry("gpu_1x_a10", "A10 (24 GB PCIe)", 75, ["us-west-1", "us-east-1"]),
  gpu_1x_h100_pcie: entry("gpu_1x_h100_pcie", "H100 (80 GB PCIe)", 249, ["us-east-1", "us-west-1"]),
  gpu_1x_h100_sxm5: entry("gpu_1x_h100_sxm5", "H100 (80 GB SXM5)", 329, ["europe-central-1", "us-west-1"]),
  gpu_1x_gh200: entry("gpu_1x_gh200", "GH200 (96 GB)", 149, []),
};

const OPERATION = { operation: "test.find" };
const ranked = (preferences: CandidatePreferences) =>
  rankCandidates(CATALOG, checkPreferences(preferences, OPERATION)).map(({ type, region }) => `${type}@${region}`);

function problemsOf(preferences: unknown, fields = OPERATION): string[] {
  try {
    checkPreferences(preferences as CandidatePreferences, fields);
  } catch (error) {
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).operationId).toBe(fields.operation);
    return (error as RequestValidationError).problems.map((problem) => `${problem.path}: ${problem.message}`);
  }
  throw new Error("checkPreferences accepted the preferences");
}

describe("rankCandidates", () => {
  it("orders a type list by type preference, then region preference, leaving out types without capacity", () => {
    expect(
      ranked({
        types: ["gpu_1x_h100_sxm5", "gpu_1x_gh200", "gpu_1x_h100_pcie"],
        regions: ["us-west-1", "europe-central-1", "us-east-1"],
      }),
    ).toEqual([
      "gpu_1x_h100_sxm5@us-west-1",
      "gpu_1x_h100_sxm5@europe-central-1",
      "gpu_1x_h100_pcie@us-west-1",
      "gpu_1x_h100_pcie@us-east-1",
    ]);
  });

  it("keeps only the listed regions, and with any region orders a type's regions cheapest-then-by-name", () => {
    expect(ranked({ types: "gpu_1x_h100_pcie", regions: "us-west-1" })).toEqual(["gpu_1x_h100_pcie@us-west-1"]);
    expect(ranked({ types: ["gpu_1x_h100_pcie"], regions: "any" })).toEqual([
      "gpu_1x_h100_pcie@us-east-1",
      "gpu_1x_h100_pcie@us-west-1",
    ]);
    expect(ranked({ types: ["gpu_1x_h100_pcie"] })).toEqual([
      "gpu_1x_h100_pcie@us-east-1",
      "gpu_1x_h100_pcie@us-west-1",
    ]);
  });

  it("under a filter, orders by price first, then region preference", () => {
    expect(ranked({ types: { gpu: "H100" }, regions: ["us-west-1", "us-east-1", "europe-central-1"] })).toEqual([
      "gpu_1x_h100_pcie@us-west-1",
      "gpu_1x_h100_pcie@us-east-1",
      "gpu_1x_h100_sxm5@us-west-1",
      "gpu_1x_h100_sxm5@europe-central-1",
    ]);
  });

  it("applies the price cap of the option and of the filter, whichever is lower", () => {
    expect(ranked({ types: { gpu: "H100" }, maxPriceCentsPerHour: 300 })).toEqual([
      "gpu_1x_h100_pcie@us-east-1",
      "gpu_1x_h100_pcie@us-west-1",
    ]);
    expect(ranked({ types: { gpu: "H100", maxPriceCentsPerHour: 200 }, maxPriceCentsPerHour: 300 })).toEqual([]);
    expect(ranked({ types: ["gpu_1x_h100_sxm5", "gpu_1x_a10"], maxPriceCentsPerHour: 249 })).toEqual([
      "gpu_1x_a10@us-east-1",
      "gpu_1x_a10@us-west-1",
    ]);
  });

  it("intersects the filter's regions with the region list", () => {
    expect(
      ranked({
        types: { gpu: "H100", regions: ["us-east-1", "europe-central-1"] },
        regions: ["europe-central-1", "us-west-1"],
      }),
    ).toEqual(["gpu_1x_h100_sxm5@europe-central-1"]);
  });

  it("answers an empty list when nothing preferred has capacity", () => {
    expect(ranked({ types: ["gpu_1x_gh200"] })).toEqual([]);
    expect(ranked({ types: ["gpu_1x_h100_pcie"], regions: ["europe-central-1"] })).toEqual([]);
  });
});

describe("checkPreferences", () => {
  it("normalises one name into a list of one and 'any' into no region list", () => {
    expect(checkPreferences({ types: "gpu_1x_a10", regions: "us-west-1" }, OPERATION)).toEqual({
      types: ["gpu_1x_a10"],
      regions: ["us-west-1"],
      filter: { types: ["gpu_1x_a10"], regions: ["us-west-1"] },
    });
    expect(checkPreferences({ types: { gpu: "H100" }, regions: "any", maxPriceCentsPerHour: 300 }, OPERATION)).toEqual({
      types: undefined,
      regions: undefined,
      filter: { gpu: "H100", maxPriceCentsPerHour: 300 },
    });
  });

  it("names every bad field, under the caller's field names", () => {
    const fields = { operation: "instances.launchWhenAvailable", types: "instance_type_name", regions: "region_name" };
    expect(problemsOf({ types: [], regions: ["us-west-1", ""], maxPriceCentsPerHour: -1 }, fields)).toEqual([
      "instance_type_name: must list at least one name",
      "region_name[1]: must not be empty",
      "maxPriceCentsPerHour: must be at least 0",
    ]);
    expect(problemsOf({ types: "", regions: ["a", "a"] })).toEqual([
      "types: must not be empty",
      "regions: must not list a name twice",
    ]);
    expect(problemsOf({ types: { gpu: 3, maxPrice: 1 } })).toEqual([
      "types.gpu: must be a string or a RegExp",
      "types.maxPrice: is not allowed here",
    ]);
    expect(problemsOf({ types: undefined, maxPriceCentsPerHour: "300" })).toEqual([
      "types: is required",
      "maxPriceCentsPerHour: must be a number, not a string",
    ]);
    expect(problemsOf({ types: [7], regions: 5 })).toEqual([
      "types[0]: must be a string, not a number",
      "regions: must be an array, not a number",
    ]);
  });
});
