// The same handler under Deno.serve and Bun.serve: test/proxy/runtimes/serve-proxy.ts and the
// hostile-upstream battery (test/proxy/runtimes/hostile-battery.ts) run in each runtime as their
// own process, serving the proxy and calling it over loopback HTTP.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { binary, type Command, describeRun, run } from "../runtimes/commands.js";
import { sentinel } from "./helpers.js";

const SCRIPT = "test/proxy/runtimes/serve-proxy.ts";
const BATTERY = "test/proxy/runtimes/hostile-battery.ts";
const CHECKS = 7;
/** The battery's requests: 12 channels at 2 statuses and the redirect at 5, in 4 encodings, 2 paths each. */
const BATTERY_REQUESTS = 232;

let denoDir: string;
beforeAll(async () => {
  denoDir = await mkdtemp(join(tmpdir(), "proxy-deno-"));
});
afterAll(() => rm(denoDir, { recursive: true, force: true }));

/**
 * What each runtime's server does with dot segments on the wire (`/api/v1/regions/../instances`,
 * and `%2e%2e`), as docs/security.md reports it: Deno keeps them in `request.url`, so the guard
 * refuses them with 400; Bun resolves them first, so the proxy serves listInstances.
 */
const DOT_SEGMENTS = { "Deno.serve": 400, "Bun.serve": 200 } as const;

const runtimes: readonly (readonly [keyof typeof DOT_SEGMENTS, () => Command])[] = [
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
  it.each(runtimes)(
    "serves reads, scrubs echoes and refuses traversal, writes, rebinding and spoofed addresses under %s, never printing the key",
    async (name, command) => {
      const key = sentinel();
      const result = await run(command(), [SCRIPT], { env: { LAMBDA_API_KEY: key } });
      expect(result.stdout.includes(key), "the key appeared in stdout").toBe(false);
      expect(result.stderr.includes(key), "the key appeared in stderr").toBe(false);
      const lines = result.stdout.trim().split("\n");
      const verdict = JSON.parse(lines.at(-1) ?? "null") as {
        ok: boolean;
        passed?: string[];
        error?: string;
        dotSegments?: unknown;
      } | null;
      expect(verdict, describeRun(result)).toMatchObject({ ok: true });
      expect(verdict?.passed).toHaveLength(CHECKS);
      const dot = DOT_SEGMENTS[name];
      expect(verdict?.dotSegments).toEqual({ dotDot: dot, encodedDotDot: dot });
      // The default log: one JSON line per request before the verdict (the rate-limited proxy logs nothing; a refused Host never reaches the proxy).
      const records = lines
        .slice(0, -1)
        .map((line) => JSON.parse(line) as { operation: string | null; status: number });
      expect(records.map((record) => record.status)).toEqual([200, 401, 400, 404, dot, dot]);
    },
    120_000,
  );

  it.each(runtimes)(
    "passes the key to no response and no log line in the hostile-upstream battery under %s",
    async (_name, command) => {
      const key = `secret_sentinel_${crypto.randomUUID().replaceAll("-", "")}`;
      const result = await run(command(), [BATTERY], { env: { LAMBDA_API_KEY: key } });
      const forms = [key, btoa(`${key}:`), encodeURIComponent(key)];
      for (const form of forms)
        expect(`${result.stdout}${result.stderr}`.includes(form), "a form of the key was printed").toBe(false);
      const report = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "null") as {
        requests: number;
        leaks: string[];
        problems: string[];
      } | null;
      expect(report, describeRun(result)).toMatchObject({ requests: BATTERY_REQUESTS, leaks: [], problems: [] });
    },
    180_000,
  );
});
