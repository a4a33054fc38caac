// The proxy half of the hostile-upstream battery (test/proxy/battery/run.ts): a real hostile
// upstream (test/helpers/hostile-upstream.ts) puts the key into every channel it controls, in every
// body encoding, and no proxy response or log line may carry it. Here in Node (toNodeListener) and
// in workerd (`wrangler dev`); Deno and Bun run it in test/proxy/runtimes.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningWorker, startWranglerDev } from "../../scripts/wrangler-dev";
import type { ProxyLogRecord } from "../../src/proxy/index";
import { type HostileUpstream, startHostileUpstream } from "../helpers/hostile-upstream";
import { BATTERY_UPSTREAM_HEADER, batteryProxy } from "./battery/dispatch";
import { batteryScenarios, runBattery } from "./battery/run";
import { type RunningServer, sendRaw, serve } from "./node-server";

/** 12 channels at 2 statuses and the redirect at 5, in 4 encodings, 2 paths each. */
const REQUESTS = 232;

let upstream: HostileUpstream;
beforeAll(async () => {
  upstream = await startHostileUpstream();
});
afterAll(() => upstream?.close());

describe("the hostile-upstream battery through the proxy", () => {
  it("covers every channel and encoding of the hostile upstream", () => {
    expect(batteryScenarios().length * 2).toBe(REQUESTS);
  });

  describe("in Node (toNodeListener)", () => {
    let server: RunningServer | undefined;
    afterAll(() => server?.close());

    it("passes the key to no response and no log record", async () => {
      const records: ProxyLogRecord[] = [];
      server = await serve(batteryProxy(upstream.key, (record) => records.push(record)));
      const report = await runBattery(server.origin, upstream);
      expect(report).toEqual({ requests: REQUESTS, leaks: [], problems: [] });
      expect(records).toHaveLength(REQUESTS);
      expect(upstream.leaks(JSON.stringify(records))).toEqual([]);
    }, 60_000);
  });

  describe("in workerd (wrangler dev)", () => {
    let worker: RunningWorker;
    beforeAll(async () => {
      worker = await startWranglerDev({
        config: "test/proxy/battery/worker/wrangler.jsonc",
        readyPath: "/",
        secrets: { LAMBDA_API_KEY: upstream.key },
      });
    }, 120_000);
    afterAll(() => worker?.stop());

    it("passes the key to no response and no line of wrangler's output", async () => {
      // workerd's fetch decodes gzip and br but leaves deflate as it came: the proxy must refuse those answers.
      const report = await runBattery(worker.origin, upstream, new Set(["deflate"]));
      expect(report).toEqual({ requests: REQUESTS, leaks: [], problems: [] });
      expect(upstream.leaks(worker.output())).toEqual([]);
      // The proxy's default log (one JSON line per request) went to wrangler's output, searched above.
      expect(worker.output().match(/"requestId"/g)?.length ?? 0).toBeGreaterThanOrEqual(REQUESTS);
    }, 180_000);

    it("gets dot segments already resolved, plain and encoded, and serves them as the operation they name (docs/security.md)", async () => {
      const port = Number(new URL(worker.origin).port);
      const scenario = `${BATTERY_UPSTREAM_HEADER}: ${upstream.baseUrl({ channel: "json-value", status: 200 })}`;
      for (const target of ["/api/v1/regions/../instances", "/api/v1/regions/%2e%2e/instances"]) {
        const answer = await sendRaw(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${scenario}`);
        expect(answer.status, target).toBe(200);
      }
      expect(upstream.requests.at(-1)?.url).toMatch(/\/api\/v1\/instances$/);
    }, 60_000);
  });
});
