// A decompression bomb through the proxy, with its memory measured: 300 MiB of JSON gzipped to
// ~300 kB (with that compressed Content-Length), and a gzip stream that never ends. The proxy must
// answer 502 proxy/upstream-too-large, stop reading, and stay within 64 MB of resident memory
// above idle: in Node (the proxy in a child process of its own, so the reading is the proxy's)
// and in workerd (the sample Worker under `wrangler dev`, reading workerd's own /proc figures).
// These are resource limits, not timings. Needs `npm run build` (both run the built package).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningWorker, startWranglerDev } from "../../scripts/wrangler-dev";
import { BOMB_DECODED_BYTES, type BombUpstream, startBombUpstream } from "../helpers/bomb-upstream";
import { descendantsNamed, statusKb } from "../helpers/processes";
import { describeRun, node24, run } from "../runtimes/commands";
import { sentinel } from "./helpers";

const LIMIT_KB = 64 * 1024;

let upstream: BombUpstream;
beforeAll(async () => {
  upstream = await startBombUpstream();
}, 60_000);
afterAll(() => upstream?.close());

interface Reading {
  readonly status: number;
  readonly code: string | null;
  readonly idleKb: number;
  readonly peakKb: number;
  readonly keyLeaked: boolean;
}

describe("a decompression bomb through the proxy in Node", () => {
  it("is a bomb: the upstream answer weighs under 1 MiB on the wire and 300 MiB decoded", () => {
    expect(upstream.compressedBytes).toBeLessThan(1024 * 1024);
    expect(BOMB_DECODED_BYTES / upstream.compressedBytes).toBeGreaterThan(300);
  });

  it.each([
    ["sized", "300 MiB gzipped with its compressed Content-Length"],
    ["endless", "an endless chunked gzip stream"],
  ] as const)(
    "answers 502 proxy/upstream-too-large to %s (%s), within 64 MB of idle memory",
    async (variant, _description) => {
      const key = sentinel();
      const result = await run(node24(), ["test/proxy/bomb/proxy-under-bomb.ts"], {
        env: { LAMBDA_API_KEY: key, BOMB_UPSTREAM: upstream[variant] },
      });
      const reading = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "null") as Reading | null;
      expect(reading, describeRun(result)).toMatchObject({
        status: 502,
        code: "proxy/upstream-too-large",
        keyLeaked: false,
      });
      expect(reading!.peakKb - reading!.idleKb, `idle ${reading!.idleKb} kB, peak ${reading!.peakKb} kB`).toBeLessThan(
        LIMIT_KB,
      );
      expect(`${result.stdout}${result.stderr}`.includes(key)).toBe(false);
      if (variant === "endless") await expect.poll(() => upstream.abandoned()).toBeGreaterThan(0);
    },
    120_000,
  );
});

describe("a decompression bomb through the sample Worker in workerd (wrangler dev)", () => {
  let worker: RunningWorker | undefined;
  const key = sentinel();
  afterAll(() => worker?.stop());

  it("answers 502 proxy/upstream-too-large to 300 MiB gzipped, and workerd stays within 64 MB of idle memory", async () => {
    worker = await startWranglerDev({ vars: { UPSTREAM: upstream.sized }, secrets: { LAMBDA_API_KEY: key } });
    // wrangler dev runs the Worker in one workerd and its dev proxy in another: both are counted.
    const workerd = descendantsNamed("workerd");
    const total = (field: "VmRSS" | "VmHWM") => workerd.reduce((sum, pid) => sum + statusKb(pid, field), 0);
    for (let i = 0; i < 5; i++) await (await fetch(`${worker.origin}/api/v1/instance-types`)).text();
    const idleKb = total("VmRSS");
    const answer = await fetch(`${worker.origin}/api/v1/instances`);
    const body = await answer.text();
    const peakKb = total("VmHWM");
    expect(answer.status, body).toBe(502);
    expect(JSON.parse(body)).toMatchObject({ error: { code: "proxy/upstream-too-large" } });
    expect(peakKb - idleKb, `idle ${idleKb} kB, peak ${peakKb} kB`).toBeLessThan(LIMIT_KB);
    expect(`${body}${worker.output()}`.includes(key)).toBe(false);
  }, 180_000);
});
