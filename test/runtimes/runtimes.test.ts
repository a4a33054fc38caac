// The runtime matrix, command-line half: test/runtimes/scenario.ts runs against the built
// package in Node 22, Node 24, Deno and Bun, each a separate process talking HTTP to a
// simulator served from here. (workerd and happy-dom run it in their own vitest projects,
// test/workers/runtimes/ and test/dom/; Chromium in chromium.test.ts.)

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSimulator, type ServedSimulator, serve } from "lambda-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bunRun, type Command, denoRun, describeRun, NODE_22, node22, node24, type RunResult, run } from "./commands";
import { SCENARIO_CHECK_COUNT } from "./scenario-checks";

const SCRIPT = "test/runtimes/cli.mjs";
/** Small pages, so the scenario's handful of audit events spans several of them. */
const AUDIT_PAGE_SIZE = 2;

/** A fresh simulator on a free loopback port, with its control API, accepting one random key. */
async function startSimulator(apiKey: string): Promise<ServedSimulator> {
  const simulator = createSimulator({
    apiKeys: [apiKey],
    admin: true,
    clock: "manual",
    pageSize: AUDIT_PAGE_SIZE,
    bootMs: 60_000,
    seed: 7,
  });
  return serve(simulator, { port: 0 });
}

/** The JSON verdict cli.mjs prints last. */
type Verdict = { ok: true; runtime: string; passed: string[] } | { ok: false; runtime: string; error: string };

/** The verdict; when there is none (the runtime did not start or crashed), fails with the output and `hint`. */
function verdictOf(result: RunResult, hint = ""): Verdict {
  try {
    return JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "") as Verdict;
  } catch {
    throw new Error(`the runner printed no verdict. ${hint}\n${describeRun(result)}`);
  }
}

/** Asserts that the key appears nowhere in what the runtime printed (without printing it on failure). */
function expectKeyNotPrinted(result: RunResult, apiKey: string) {
  expect(result.stdout.includes(apiKey), "the API key appeared in stdout").toBe(false);
  expect(result.stderr.includes(apiKey), "the API key appeared in stderr").toBe(false);
}

/** The narrowest permissions the scenario needs: the two variables, and the simulator's one address. */
const denoPermissions = (port: number) => [
  "--allow-env=LAMBDA_API_KEY,LAMBDA_CLOUD_BASE_URL",
  `--allow-net=127.0.0.1:${port}`,
];

let denoDir: string;
beforeAll(async () => {
  denoDir = await mkdtemp(join(tmpdir(), "lambda-cloud-deno-"));
});
afterAll(async () => {
  await rm(denoDir, { recursive: true, force: true });
});

/** Runs the scenario in one runtime against a fresh simulator; returns the run and the key it used. */
async function runScenarioIn(name: string, command: Command, extraArgs: (port: number) => string[] = () => []) {
  const apiKey = `lc-sentinel-${crypto.randomUUID()}`;
  const server = await startSimulator(apiKey);
  try {
    const result = await run(
      { ...command, args: [...command.args, ...extraArgs(server.port)] },
      [SCRIPT, name, String(AUDIT_PAGE_SIZE)],
      {
        env: { LAMBDA_API_KEY: apiKey, LAMBDA_CLOUD_BASE_URL: server.url },
      },
    );
    return { result, apiKey };
  } finally {
    await server.close();
  }
}

/** Each runtime: its name, how to start it, extra flags (Deno's permissions), and what to do when it does not start. */
const runtimes: [string, () => Command, ((port: number) => string[]) | undefined, string][] = [
  [
    "node 22",
    () => ({
      ...node22(),
      args: [...node22().args, "--experimental-strip-types", "--disable-warning=ExperimentalWarning"],
    }),
    undefined,
    `Node 22 is the \`node22\` devDependency (${NODE_22}): run \`npm ci\`.`,
  ],
  ["node 24", node24, undefined, "Node 24 is the `node` devDependency: run `npm ci`."],
  ["deno", () => denoRun([], denoDir), denoPermissions, "Deno is the `deno` devDependency: run `npm ci`."],
  ["bun", bunRun, undefined, "Bun is the `bun` devDependency: run `npm ci`."],
];

describe.each(runtimes)("the scenario in %s", (name, command, extraArgs, hint) => {
  it("passes every check against the simulator over HTTP, and never prints the key", async () => {
    const { result, apiKey } = await runScenarioIn(name, command(), extraArgs);
    expectKeyNotPrinted(result, apiKey);
    const verdict = verdictOf(result, hint);
    expect(verdict, describeRun(result)).toMatchObject({ ok: true, runtime: name });
    expect(verdict.ok && verdict.passed).toHaveLength(SCENARIO_CHECK_COUNT);
    expect(result.code, describeRun(result)).toBe(0);
    const summary = result.stdout.split("\n").find((line) => line.startsWith(`${name}: `));
    expect(summary).toBe(`${name}: ${SCENARIO_CHECK_COUNT} checks passed`);
    console.log(summary);
  }, 180_000);
});

describe("Deno's permissions for the scenario are narrow", () => {
  it.each([
    ["without --allow-net", (port: number) => denoPermissions(port).filter((flag) => !flag.startsWith("--allow-net"))],
    [
      "with --allow-net for another port only",
      (port: number) => [
        "--allow-env=LAMBDA_API_KEY,LAMBDA_CLOUD_BASE_URL",
        `--allow-net=127.0.0.1:${port === 1 ? 2 : port - 1}`,
      ],
    ],
    ["without --allow-env", (port: number) => denoPermissions(port).filter((flag) => !flag.startsWith("--allow-env"))],
  ])(
    "%s, the scenario fails on a permission error",
    async (_case, permissions) => {
      const { result, apiKey } = await runScenarioIn("deno", denoRun([], denoDir), permissions);
      expectKeyNotPrinted(result, apiKey);
      expect(result.code, describeRun(result)).not.toBe(0);
      expect(result.stdout + result.stderr).toMatch(/NotCapable|Requires (net|env) access|--allow-(net|env)/);
    },
    60_000,
  );
});
