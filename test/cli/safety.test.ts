// Confirmation of destructive commands, where the key may come from, usage errors and Ctrl+C
// before a launch: in-process against the simulator.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InterruptedError } from "../../cli/src/errors.ts";
import { cliSimulator, SIM_BASE_URL } from "./harness";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lambda-cloud-cli-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("destructive commands", () => {
  it("refuse without --yes off a terminal, and change nothing", async () => {
    const { run, sim } = cliSimulator();
    for (const argv of [
      ["instances", "terminate", "notebook"],
      ["filesystems", "delete", "shared-datasets"],
      ["ssh-keys", "delete", "laptop"],
      ["firewall", "rulesets", "set-global"],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.error()).toMatchObject({ code: "cli/usage", suggestion: "Add --yes to confirm." });
    }
    expect(sim.state.snapshot().instances.every((instance) => instance.status === "active")).toBe(true);
    expect(sim.state.snapshot().ssh_keys).toHaveLength(1);
  });

  it("ask on a terminal: 'y' goes ahead, anything else changes nothing (exit 1, cli/declined)", async () => {
    const { run, sim } = cliSimulator();
    const declined = await run(["instances", "terminate", "notebook"], { tty: true, input: "n\n" });
    expect(declined.code).toBe(1);
    expect(declined.stderr).toContain("Terminate notebook");
    expect(declined.stderr).toContain("Not confirmed; nothing was changed.");
    expect(sim.state.snapshot().instances.find((instance) => instance.name === "notebook")?.status).toBe("active");
    const confirmed = await run(["instances", "terminate", "notebook"], { tty: true, input: "y\n" });
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(confirmed.stdout).toMatch(/notebook\s+terminat(ing|ed)/);
  });

  it("do not ask for reads and writes the operations table does not mark destructive", async () => {
    const { run } = cliSimulator();
    expect((await run(["instances", "restart", "notebook"])).code).toBe(0);
  });
});

describe("the API key", () => {
  it("comes from the file named by LAMBDA_API_KEY_FILE", async () => {
    const { run, key } = cliSimulator();
    const file = join(dir, "key");
    await writeFile(file, `${key}\n`);
    const result = await run(["regions", "--json"], { env: { LAMBDA_API_KEY: undefined, LAMBDA_API_KEY_FILE: file } });
    expect(result.code, result.stderr).toBe(0);
  });

  it("is a usage error when missing, when both variables are set, or when the file cannot be read", async () => {
    const { run } = cliSimulator();
    const missing = await run(["regions"], { env: { LAMBDA_API_KEY: undefined } });
    expect(missing.code).toBe(2);
    expect(missing.error().message).toContain("LAMBDA_API_KEY");
    const both = await run(["regions"], { env: { LAMBDA_API_KEY_FILE: join(dir, "key") } });
    expect(both.code).toBe(2);
    const unreadable = await run(["regions"], {
      env: { LAMBDA_API_KEY: undefined, LAMBDA_API_KEY_FILE: join(dir, "missing") },
    });
    expect(unreadable.code).toBe(2);
    expect(unreadable.error().message).toContain("ENOENT");
  });

  it("is never taken from a flag, and the flag's value is not repeated", async () => {
    const { run } = cliSimulator();
    const secret = `flag-secret-${crypto.randomUUID()}`;
    for (const argv of [
      ["regions", `--api-key=${secret}`],
      ["regions", "--api-key", secret],
      ["--token", secret, "regions"],
    ]) {
      const result = await run(argv);
      expect(result.code).toBe(2);
      expect(result.error().message).toContain("LAMBDA_API_KEY");
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
  });

  it("a rejected key is an API error (exit 1) that names the code but not the key", async () => {
    const { run } = cliSimulator();
    const wrong = `lc-wrong-${crypto.randomUUID()}`;
    const result = await run(["regions"], { env: { LAMBDA_API_KEY: wrong } });
    expect(result.code).toBe(1);
    expect(result.error()).toMatchObject({ type: "AuthenticationError", status: 401 });
    expect(result.stderr).not.toContain(wrong);
  });
});

describe("the base URL", () => {
  it("comes from --base-url (before or after the command) or LAMBDA_CLOUD_BASE_URL; a bad one is a usage error", async () => {
    const { run } = cliSimulator();
    const env = { LAMBDA_CLOUD_BASE_URL: undefined };
    expect((await run(["--base-url", SIM_BASE_URL, "--json", "regions"], { env })).code).toBe(0);
    expect((await run(["regions", "--base-url", SIM_BASE_URL], { env })).code).toBe(0);
    const bad = await run(["regions", "--base-url", "ftp://example.test"], { env });
    expect(bad.code).toBe(2);
    expect(bad.error()).toMatchObject({ type: "ConfigurationError" });
    const badVariable = await run(["regions"], { env: { LAMBDA_CLOUD_BASE_URL: "not a url" } });
    expect(badVariable.code).toBe(2);
  });
});

describe("usage errors", () => {
  it("exit 2 with the stable JSON shape: unknown options, missing required options, bad durations", async () => {
    const { run } = cliSimulator();
    for (const argv of [
      ["instances", "list", "--colour"],
      ["launch", "--region", "us-west-1"],
      ["instances", "wait", "notebook", "--timeout", "soon"],
      ["nonsense"],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(Object.keys(result.error()).slice(0, 7)).toEqual([
        "type",
        "code",
        "message",
        "suggestion",
        "request_id",
        "status",
        "exit_code",
      ]);
    }
  });

  it("on a terminal without --json, errors are readable text", async () => {
    const { run } = cliSimulator();
    const result = await run(["instances", "get", "nope"], { tty: true });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      'error: No instance is named or has the id "nope".\nList them with: lambda-cloud instances list\ncode cli/not-found\n',
    );
  });
});

describe("Ctrl+C before the launch is sent", () => {
  it("exits 130 and says nothing was launched", async () => {
    const { run, sim } = cliSimulator();
    const controller = new AbortController();
    controller.abort(new InterruptedError());
    const result = await run(["launch", "--type", "gpu_1x_a10", "--region", "us-west-1", "--wait"], {
      interrupt: controller.signal,
    });
    expect(result.code).toBe(130);
    expect(result.error()).toMatchObject({
      code: "cli/interrupted",
      message: "Interrupted before launching; nothing was launched.",
    });
    expect(sim.state.snapshot().instances).toHaveLength(3);
  });
});
