// The client's hostile-upstream battery (test/helpers/hostile-battery.ts) in Deno and Bun: the
// upstream runs here, in Node; each runtime runs the battery with the built package against it.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort } from "../helpers/closed-port";
import { batteryCases, type CaseResult } from "../helpers/hostile-battery";
import { type HostileUpstream, startHostileUpstream } from "../helpers/hostile-upstream";
import { bunRun, type Command, denoRun, describeRun, run } from "./commands";

const SCRIPT = "test/runtimes/hostile-cli.ts";

let upstream: HostileUpstream;
let closedBaseUrl: string;
let denoDir: string;
beforeAll(async () => {
  upstream = await startHostileUpstream();
  closedBaseUrl = `http://127.0.0.1:${await closedPort()}/api/v1`;
  denoDir = await mkdtemp(join(tmpdir(), "lambda-cloud-deno-"));
});
afterAll(async () => {
  await upstream.close();
  await rm(denoDir, { recursive: true, force: true });
});

async function batteryIn(command: Command): Promise<CaseResult[]> {
  const result = await run(command, [SCRIPT], {
    env: { HOSTILE_ORIGIN: upstream.origin, HOSTILE_KEY: upstream.key, HOSTILE_CLOSED_BASE_URL: closedBaseUrl },
  });
  // Not `toContain(key)`: a failure message would print the key.
  expect(upstream.leaks(result.stdout + result.stderr), "a form of the key appeared in the runtime's output").toEqual(
    [],
  );
  const verdict = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "null") as {
    ok: boolean;
    results?: CaseResult[];
  } | null;
  if (!verdict?.ok || !verdict.results) throw new Error(`the battery did not finish.\n${describeRun(result)}`);
  return verdict.results;
}

function expectBatteryHeld(results: CaseResult[]) {
  expect(results.map((result) => result.name)).toEqual(batteryCases().map((testCase) => testCase.name));
  expect(
    results
      .filter((result) => result.got !== result.expected)
      .map(({ name, expected, got }) => ({ name, expected, got })),
  ).toEqual([]);
  expect(results.filter((result) => result.leaks.length > 0).map(({ name, leaks }) => ({ name, leaks }))).toEqual([]);
  expect(upstream.landed()).toEqual([]);
}

describe("hostile upstream battery in other runtimes (built package)", () => {
  it("Deno: every error class, no form of the key anywhere, no redirect followed", async () => {
    const port = (url: string) => new URL(url).port;
    const permissions = [
      "--sloppy-imports", // the helpers import "./x.js" for "./x.ts" (moduleResolution: Bundler)
      "--allow-env=HOSTILE_ORIGIN,HOSTILE_KEY,HOSTILE_CLOSED_BASE_URL",
      `--allow-net=127.0.0.1:${port(upstream.origin)},127.0.0.1:${port(closedBaseUrl)}`,
    ];
    expectBatteryHeld(await batteryIn(denoRun(permissions, denoDir)));
  }, 120_000);

  it("Bun: every error class, no form of the key anywhere, no redirect followed", async () => {
    expectBatteryHeld(await batteryIn(bunRun()));
  }, 120_000);
});
