// `find` against the in-process simulator: it launches the best match of the preferences, reports
// each look as JSON lines, gives up with exit 4 after --timeout, and Ctrl+C says what exists.
import type { Instance } from "lambda-cloud";
import { describe, expect, it } from "vitest";
import { InterruptedError } from "../../cli/src/errors.ts";
import { cliSimulator } from "./harness";

/** Nothing of the type has capacity anywhere. */
function noCapacity(sim: ReturnType<typeof cliSimulator>["sim"], type: string): void {
  for (const region of [
    "us-west-1",
    "us-west-2",
    "us-west-3",
    "us-east-1",
    "us-south-1",
    "us-midwest-1",
    "europe-central-1",
    "asia-northeast-1",
  ])
    sim.state.setCapacity(type, region, 0);
}

describe("find", () => {
  it("launches the first preferred region that has the type, waits with --wait, and reports each step", async () => {
    const { run, sim } = cliSimulator();
    sim.state.setCapacity("gpu_1x_h100_pcie", "us-west-2", 0);
    const result = await run([
      "find",
      "--type",
      "gpu_1x_h100_pcie",
      "--region",
      "us-west-2",
      "--region",
      "us-east-1",
      "--name",
      "found",
      "--wait",
      "--json",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const { instance, summary } = result.json<{
      instance: Instance;
      summary: { polls: number; attempts: number; token: string };
    }>();
    expect(instance).toMatchObject({
      name: "found",
      status: "active",
      region: { name: "us-east-1" },
      instance_type: { name: "gpu_1x_h100_pcie" },
      ssh_key_names: ["laptop"],
    });
    expect(summary).toMatchObject({ polls: 1, attempts: 1 });
    const events = result.events();
    expect(events.map((event) => event.event)).toEqual(["poll", "attempt", "launched", "status"]);
    expect(events[0]).toMatchObject({
      poll: 1,
      candidates: [{ type: "gpu_1x_h100_pcie", region: "us-east-1", price_cents_per_hour: expect.any(Number) }],
    });
    expect(events[2]).toMatchObject({ instance_id: instance.id, region: "us-east-1" });
  });

  it("with --gpu and --max-price takes the cheapest match under the cap", async () => {
    const { run } = cliSimulator();
    const result = await run(["find", "--gpu", "a100", "--max-price", "2", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const { instance } = result.json<{ instance: Instance }>();
    expect(instance.instance_type.name).toBe("gpu_1x_a100_sxm4");
    expect(instance.instance_type.price_cents_per_hour).toBeLessThanOrEqual(200);
  });

  it("needs a type or a GPU filter (exit 2), and checks the launch flags before looking", async () => {
    const { run, sim } = cliSimulator();
    expect((await run(["find"])).code).toBe(2);
    expect((await run(["find", "--type", "gpu_1x_a10", "--gpu", "a10"])).code).toBe(2);
    const invalid = await run(["find", "--gpu", "a10", "--name", "x".repeat(100)]);
    expect(invalid.code).toBe(2);
    expect(invalid.error()).toMatchObject({ type: "RequestValidationError" });
    expect(sim.state.snapshot().instances).toHaveLength(3);
  });

  it("gives up after --timeout with exit 4, nothing launched, and what it saw", async () => {
    const { run, sim } = cliSimulator();
    noCapacity(sim, "gpu_8x_b200_sxm6");
    const result = await run(["find", "--type", "gpu_8x_b200_sxm6", "--timeout", "50ms"]);
    expect(result.code).toBe(4);
    const events = result.events();
    expect(events[0]).toMatchObject({ event: "poll", poll: 1, candidates: [], next_poll_ms: expect.any(Number) });
    expect(result.error()).toMatchObject({
      type: "LaunchWhenAvailableError",
      code: "cli/no-capacity",
      reason: "timeout",
      instance_id: null,
      outcome_unknown: false,
      exit_code: 4,
    });
    expect(sim.state.snapshot().instances).toHaveLength(3);
  });

  it("Ctrl+C while looking exits 130 and says nothing was launched", async () => {
    const { run, sim } = cliSimulator();
    noCapacity(sim, "gpu_8x_b200_sxm6");
    const controller = new AbortController();
    const result = await run(["find", "--type", "gpu_8x_b200_sxm6"], {
      onStderr: (text) => text.includes('"event":"poll"') && controller.abort(new InterruptedError()),
      interrupt: controller.signal,
    });
    expect(result.code).toBe(130);
    expect(result.error()).toMatchObject({
      code: "cli/interrupted",
      reason: "aborted",
      instance_id: null,
      outcome_unknown: false,
    });
    expect(result.error().message).toContain("nothing was launched");
  });

  it("Ctrl+C while the found instance boots exits 130 and names the instance", async () => {
    const { run, sim } = cliSimulator({ bootMs: 600_000 });
    const controller = new AbortController();
    const result = await run(["find", "--type", "gpu_1x_a10", "--wait"], {
      onStderr: (text) => text.includes('"event":"launched"') && controller.abort(new InterruptedError()),
      interrupt: controller.signal,
    });
    expect(result.code).toBe(130);
    const launched = sim.state
      .snapshot()
      .instances.find((instance) => instance.instance_type.name === "gpu_1x_a10" && instance.status === "booting");
    expect(launched).toBeDefined();
    expect(result.error()).toMatchObject({
      code: "cli/interrupted",
      instance_id: launched?.id,
      suggestion: `Terminate it with: lambda-cloud instances terminate ${launched?.id}`,
    });
  });
});
