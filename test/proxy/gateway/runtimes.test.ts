// The memory gateway under Deno.serve and Bun.serve: test/proxy/gateway/runtimes/serve-gateway.ts runs
// in each runtime as its own process, with the simulator, and calls the proxy over loopback HTTP.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bunRun, type Command, denoRun, describeRun, run } from "../../runtimes/commands.js";
import { sentinel } from "./helpers.js";

const SCRIPT = "test/proxy/gateway/runtimes/serve-gateway.ts";
const CHECKS = 6;

let denoDir: string;
beforeAll(async () => {
  denoDir = await mkdtemp(join(tmpdir(), "gateway-deno-"));
});
afterAll(() => rm(denoDir, { recursive: true, force: true }));

const runtimes: readonly (readonly [string, () => Command])[] = [
  ["Deno.serve", () => denoRun(["--sloppy-imports", "--allow-net=127.0.0.1", "--allow-env=LAMBDA_API_KEY"], denoDir)],
  ["Bun.serve", bunRun],
];

describe("the memory gateway in other runtimes", () => {
  it.each(runtimes)(
    "coalesces, caches, replays, audits and streams under %s, never printing the key",
    async (_name, command) => {
      const key = sentinel();
      const result = await run(command(), [SCRIPT], { env: { LAMBDA_API_KEY: key } });
      expect(result.stdout.includes(key), "the key appeared in stdout").toBe(false);
      expect(result.stderr.includes(key), "the key appeared in stderr").toBe(false);
      const verdict = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "null") as {
        ok: boolean;
        passed?: string[];
      } | null;
      expect(verdict, describeRun(result)).toMatchObject({ ok: true });
      expect(verdict?.passed).toHaveLength(CHECKS);
    },
    120_000,
  );
});
