// `instances ...` and `launch` against the in-process simulator: JSON shapes, tables, exit codes.
import type { Instance } from "lambda-cloud";
import { describe, expect, it } from "vitest";
import { cliSimulator } from "./harness";

describe("instances", () => {
  it("list prints the instances as JSON with --json, and as a table otherwise", async () => {
    const { run } = cliSimulator();
    const listed = await run(["instances", "list", "--json"]);
    expect(listed.code).toBe(0);
    const instances = listed.json<Instance[]>();
    expect(instances.map((instance) => instance.name).sort()).toEqual(["inference", "notebook", "training-a100"]);
    const table = await run(["instances", "list"]);
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+NAME\s+STATUS\s+TYPE\s+REGION\s+IP$/);
    expect(table.stdout).toContain("training-a100");
  });

  it("get finds an instance by name or id; an unknown one exits 3 with the not-found shape", async () => {
    const { run } = cliSimulator();
    const byName = (await run(["instances", "get", "notebook", "--json"])).json<Instance>();
    expect(byName.name).toBe("notebook");
    const byId = await run(["instances", "get", byName.id, "--json"]);
    expect(byId.json<Instance>().id).toBe(byName.id);
    const missing = await run(["instances", "get", "nope"]);
    expect(missing.code).toBe(3);
    expect(missing.error()).toMatchObject({
      type: "NotFoundByNameError",
      code: "cli/not-found",
      exit_code: 3,
      request_id: null,
    });
    const missingId = await run(["instances", "get", "0".repeat(32)]);
    expect(missingId.code).toBe(3);
    expect(missingId.error()).toMatchObject({ type: "NotFoundError", status: 404, exit_code: 3 });
    expect(missingId.error().code).toEqual(expect.stringMatching(/\//));
    expect(missingId.error().request_id).toEqual(expect.any(String));
  });

  it("launch uses the account's only SSH key, sends the flags as API fields, and prints the new id", async () => {
    const { run, sim } = cliSimulator();
    const launched = await run([
      "launch",
      "--type",
      "gpu_1x_a10",
      "--region",
      "us-west-1",
      "--name",
      "trainer",
      "--tag",
      "team=ml",
      "--file-system-name",
      "shared-datasets",
      "--json",
    ]);
    expect(launched.code, launched.stderr).toBe(0);
    const { instance_ids } = launched.json<{ instance_ids: string[] }>();
    expect(instance_ids).toHaveLength(1);
    const instance = (await run(["instances", "get", instance_ids[0] as string, "--json"])).json<Instance>();
    expect(instance).toMatchObject({
      name: "trainer",
      ssh_key_names: ["laptop"],
      file_system_names: ["shared-datasets"],
      instance_type: { name: "gpu_1x_a10" },
      region: { name: "us-west-1" },
    });
    expect(instance.tags).toContainEqual({ key: "team", value: "ml" });
    expect(sim.state.snapshot().instances).toHaveLength(4);
  });

  it("launch --wait reports launching, launched and each status as JSON lines on stderr, and prints the active instance", async () => {
    const { run } = cliSimulator();
    const result = await run([
      "instances",
      "launch",
      "--instance-type-name",
      "gpu_1x_a10",
      "--region-name",
      "us-west-1",
      "--ssh-key-name",
      "laptop",
      "--wait",
      "--json",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const instance = result.json<Instance>();
    expect(instance.status).toBe("active");
    const events = result.events();
    expect(events.map((event) => event.event)).toEqual(["launching", "launched", "status"]);
    expect(events[1]).toMatchObject({ instance_ids: [instance.id] });
    expect(events[2]).toMatchObject({ id: instance.id, status: "active", ip: instance.ip });
    for (const event of events) expect(event.elapsed_ms).toEqual(expect.any(Number));
  });

  it("launch --wait on a terminal shows a spinner line instead of JSON events, and the instance as a table", async () => {
    const { run } = cliSimulator();
    const result = await run(["launch", "--type", "gpu_1x_a10", "--region", "us-west-1", "--name", "tty", "--wait"], {
      tty: true,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('"event"');
    expect(result.stderr).toMatch(/tty \([0-9a-f]{32}\) is active \(0:0\d\)/);
    expect(result.stdout).toMatch(/^status\s+active$/m);
    expect(result.stdout).toMatch(/^Connect: lambda-cloud ssh [0-9a-f]{32}$/m);
  });

  it("launch without capacity exits 4 with the API's code and request id", async () => {
    const { run, sim } = cliSimulator();
    sim.state.setCapacity("gpu_8x_b200_sxm6", "us-west-1", 0);
    const result = await run(["launch", "--type", "gpu_8x_b200_sxm6", "--region", "us-west-1"]);
    expect(result.code).toBe(4);
    expect(result.error()).toMatchObject({
      type: "InsufficientCapacityError",
      code: "instance-operations/launch/insufficient-capacity",
      status: 400,
      exit_code: 4,
    });
    expect(result.error().request_id).toEqual(expect.any(String));
    const onTerminal = await run(["launch", "--type", "gpu_8x_b200_sxm6", "--region", "us-west-1"], { tty: true });
    expect(onTerminal.code).toBe(4);
    // The spinner ends with a cross before the error, so the two never share a line.
    expect(onTerminal.stderr).toMatch(
      /launch of gpu_8x_b200_sxm6 in us-west-1 failed \(0:00\)\nerror: 400 instance-operations\/launch\/insufficient-capacity: /,
    );
  });

  it("launch refuses to guess between several SSH keys, and checks the request before sending (exit 2)", async () => {
    const { run, sim } = cliSimulator({ account: { ssh_keys: [{ name: "a" }, { name: "b" }] } });
    const ambiguous = await run(["launch", "--type", "gpu_1x_a10", "--region", "us-west-1"]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.error().message).toContain("2 SSH keys (a, b)");
    const launchA10 = (...more: string[]) =>
      run(["launch", "--type", "gpu_1x_a10", "--region", "us-west-1", "--ssh-key", "a", ...more]);
    const invalid = await launchA10("--name", "x".repeat(100));
    expect(invalid.code).toBe(2);
    expect(invalid.error()).toMatchObject({ type: "RequestValidationError" });
    expect(invalid.error().message).toContain("name");
    expect(sim.state.snapshot().instances).toHaveLength(0);
    const badTag = await launchA10("--tag", "novalue");
    expect(badTag.code).toBe(2);
    expect(badTag.error().message).toContain("key=value");
  });

  it("rename, restart and wait work by name", async () => {
    const { run } = cliSimulator();
    const renamed = await run(["instances", "rename", "notebook", "notebook-2", "--json"]);
    expect(renamed.json<Instance>().name).toBe("notebook-2");
    const restarted = await run(["instances", "restart", "notebook-2", "--json"]);
    expect(
      restarted.json<{ restarted_instances: Instance[] }>().restarted_instances.map((instance) => instance.name),
    ).toEqual(["notebook-2"]);
    const waited = await run(["instances", "wait", "notebook-2", "--json"]);
    expect(waited.code, waited.stderr).toBe(0);
    expect(waited.json<Instance>().status).toBe("active");
  });

  it("terminate with --yes terminates several instances by name", async () => {
    const { run, sim } = cliSimulator();
    const result = await run(["instances", "terminate", "notebook", "inference", "--yes", "--json"]);
    expect(result.code).toBe(0);
    expect(
      result
        .json<{ terminated_instances: Instance[] }>()
        .terminated_instances.map((instance) => instance.name)
        .sort(),
    ).toEqual(["inference", "notebook"]);
    expect(sim.state.snapshot().instances.filter((instance) => instance.status === "active")).toHaveLength(1);
  });
});
