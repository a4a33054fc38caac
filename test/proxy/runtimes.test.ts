// The same handler under Deno.serve and Bun.serve: test/proxy/runtimes/serve-proxy.ts runs in
// each runtime as its own process, serving the proxy and calling it over loopback HTTP.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { binary, type Command, describeRun, run } from "../runtimes/commands.js";
import { sentinel } from "./helpers.js";

const SCRIPT = "test/proxy/runtimes/serve-proxy.ts";
const CHECKS = 5;

let denoDir: string;
beforeAll(async () => {
  denoDir = await mkdtemp(join(tmpdir(), "proxy-deno-"));
});
afterAll(() => rm(denoDir, { recursive: true, force: true }));

const runtimes: readonly (readonly [string, () => Command])[] = [
  [
    "Deno.serve",
    () => ({
      file: binary("deno"),
      args: ["run", "--no-prompt", "--sloppy-imports", "--allow-net=127.0.0.1", "--allow-env=LAMBDA_API_KEY"],
      env: { DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1" },
    }),
  ],
  ["Bun.serve", () => ({ file: binary("bun"), args: ["run"] })],
];

describe("the proxy handler in other runtimes", () => {
  it.each(runtimes)("serves reads, scrubs echoes and refuses traversal and writes under %s, never printing the key", async (_name, command) => {
    const key = sentinel();
    const result = await run(command(), [SCRIPT], { env: { LAMBDA_API_KEY: key } });
    expect(result.stdout.includes(key), "the key appeared in stdout").toBe(false);
    expect(result.stderr.includes(key), "the key appeared in stderr").toBe(false);
    const lines = result.stdout.trim().split("\n");
    const verdict = JSON.parse(lines.at(-1) ?? "null") as { ok: boolean; passed?: string[]; error?: string } | null;
    expect(verdict, describeRun(result)).toMatchObject({ ok: true });
    expect(verdict?.passed).toHaveLength(CHECKS);
    // The default log: one JSON line per request before the verdict.
    const records = lines.slice(0, -1).map((line) => JSON.parse(line) as { operation: string | null; status: number });
    expect(records.map((record) => record.status)).toEqual([200, 401, 400, 404]);
  }, 120_000);
});
