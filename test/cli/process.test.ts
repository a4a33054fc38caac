// The built CLI as a real process: Ctrl+C (SIGINT) during `launch --wait` stops cleanly and
// reports the launched instance; and a smoke test of the main commands under Node, Deno and Bun.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBin, startBin } from "../testing/bin-process";
import { type CliRuntime, runCliProcess, startCli } from "./process";

const key = `lc-sentinel-${crypto.randomUUID()}`;

describe("Ctrl+C during launch --wait", () => {
  let simulator: RunningBin;
  beforeAll(async () => {
    // Boots take ten minutes here, so the instance is still booting when the signal comes.
    simulator = await startBin("node", ["--port", "0", "--key", key, "--boot-ms", "600000"]);
  }, 60_000);
  afterAll(() => simulator?.stop("SIGTERM"));

  it("exits 130 with the instance that exists, its status, and how to terminate it", async () => {
    const cli = startCli(
      "node",
      ["launch", "--type", "gpu_1x_a10", "--region", "us-west-1", "--name", "interrupted", "--wait"],
      { key, url: simulator.url },
    );
    const status = JSON.parse(await cli.stderrLine(/"event":"status"/)) as { id: string; status: string };
    expect(status.status).toBe("booting");
    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(130);
    const { error } = JSON.parse(cli.stderr().trim().split("\n").at(-1) as string) as {
      error: Record<string, unknown>;
    };
    expect(error).toMatchObject({
      type: "InterruptedError",
      code: "cli/interrupted",
      exit_code: 130,
      instances: [{ id: status.id, name: "interrupted", status: "booting" }],
      suggestion: `Terminate it with: lambda-cloud instances terminate ${status.id}`,
    });
    expect(cli.stdout()).toBe("");
    expect(cli.stderr()).not.toContain(key);
    // The instance is there, as reported.
    const listed = await runCliProcess("node", ["instances", "get", status.id, "--json"], { key, url: simulator.url });
    expect(JSON.parse(listed.stdout)).toMatchObject({ id: status.id, status: "booting" });
  }, 60_000);
});

describe.each<CliRuntime>(["node", "deno", "bun"])("the CLI under %s", (runtime) => {
  let simulator: RunningBin;
  beforeAll(async () => {
    simulator = await startBin("node", ["--port", "0", "--key", key, "--boot-ms", "0"]);
  }, 60_000);
  afterAll(() => simulator?.stop("SIGTERM"));

  it("lists availability, launches and waits, and exits 3 for an unknown instance, never printing the key", async () => {
    const env = { key, url: simulator.url };
    const types = await runCliProcess(runtime, ["types", "--available", "--gpu", "a10", "--json"], env);
    expect(types.code, types.stderr).toBe(0);
    expect((JSON.parse(types.stdout) as { type: string }[]).map((entry) => entry.type)).toContain("gpu_1x_a10");
    const launched = await runCliProcess(
      runtime,
      ["launch", "--type", "gpu_1x_a10", "--region", "us-west-1", "--wait", "--json"],
      env,
    );
    expect(launched.code, launched.stderr).toBe(0);
    expect(JSON.parse(launched.stdout)).toMatchObject({ status: "active", instance_type: { name: "gpu_1x_a10" } });
    expect(
      launched.stderr
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { event: string }).event),
    ).toEqual(["launching", "launched", "status"]);
    const table = await runCliProcess(runtime, ["instances", "list"], env);
    expect(table.stdout).toMatch(/^ID\s+NAME\s+STATUS/);
    const missing = await runCliProcess(runtime, ["instances", "get", "nope"], env);
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: { code: "cli/not-found", exit_code: 3 } });
    for (const result of [types, launched, table, missing]) expect(result.stdout + result.stderr).not.toContain(key);
  }, 90_000);
});
