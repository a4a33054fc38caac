import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inMemoryKey } from "../../../src/auth/providers/in-memory.js";
import {
  AUDIT_PATH,
  CACHE_STATUS_HEADER,
  createLambdaProxy,
  createMemoryGateway,
  type Gateway,
  IDEMPOTENT_REPLAY_HEADER,
  type LambdaProxyOptions,
  LIVE_INSTANCES_PATH,
} from "../../../src/proxy/index.js";
import { createSimulator } from "../../../src/testing/index.js";
import { BASE_URL, CALLER_TOKEN, PROXY_ORIGIN, proxyForCallers, sentinel, settle } from "./helpers.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const DASHBOARD = "https://dash.example.com";

/** A proxy with a memory gateway in front of the simulator (rate limit on), a token authorizer and a per-caller limit of 3. */
function proxyWithGateway(options: Partial<LambdaProxyOptions> = {}) {
  const key = sentinel();
  const sim = createSimulator({ apiKeys: [key], clock: "real", rateLimit: true });
  const upstreamCalls: string[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    upstreamCalls.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname}`);
    return sim.fetch(input, init);
  };
  const { call, counts, logs, authorized } = proxyForCallers(
    key,
    createMemoryGateway({ upstream: BASE_URL, fetch }),
    3,
    { cors: { origins: [DASHBOARD] }, ...options },
  );
  const write = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    call(path, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { authorization: CALLER_TOKEN, "content-type": "application/json", ...headers },
    });
  return { key, sim, call, write, upstreamCalls, counts, logs, authorized };
}

describe("createLambdaProxy with a gateway (fake timers, simulator)", () => {
  it("scrubs the key from answers served from the cache as from fresh ones, and passes Age and Cache-Status", async () => {
    const { key, sim, call, upstreamCalls, logs } = proxyWithGateway();
    sim.faults.add({
      kind: "status",
      status: 200,
      path: "/regions",
      body: { data: [{ name: "us-west-1", description: `echo ${key}` }] },
    });
    const fresh = await call("/api/v1/regions");
    const cached = await call("/api/v1/regions", { headers: { origin: DASHBOARD } });
    expect(upstreamCalls).toEqual(["GET /api/v1/regions"]);
    for (const answer of [fresh, cached]) {
      const text = await answer.text();
      expect(text.includes(key)).toBe(false);
      expect(text).toContain("[redacted]");
    }
    expect(cached.headers.get(CACHE_STATUS_HEADER)).toBe("lambda-gateway; hit; ttl=60");
    expect(cached.headers.get("age")).toBe("0");
    expect(cached.headers.get("cache-control")).toBe("no-store");
    expect(cached.headers.get("access-control-expose-headers")).toContain(
      `age, ${CACHE_STATUS_HEADER}, ${IDEMPOTENT_REPLAY_HEADER}`,
    );
    expect(logs).toHaveLength(2);
    expect(JSON.stringify(logs).includes(key)).toBe(false);
  });

  it("marks a request with x-lambda-refresh: background as a background refresh, answered at once from the stale cache", async () => {
    const { call, upstreamCalls } = proxyWithGateway();
    await call("/api/v1/instances");
    await vi.advanceTimersByTimeAsync(3_000);
    const refresh = await call("/api/v1/instances", { headers: { "x-lambda-refresh": "background" } });
    expect(refresh.headers.get(CACHE_STATUS_HEADER)).toBe("lambda-gateway; hit; ttl=-1; detail=revalidating");
    expect(refresh.headers.get("age")).toBe("3");
    await vi.advanceTimersByTimeAsync(0);
    expect(upstreamCalls).toEqual(["GET /api/v1/instances", "GET /api/v1/instances"]);
  });

  it("filters whatever gateway answers: headers by allowlist, the key scrubbed from body and headers", async () => {
    const key = sentinel();
    const leaky: Gateway = {
      handle: async () =>
        new Response(JSON.stringify({ data: key }), {
          headers: { "set-cookie": "a=b", "x-request-id": key, "content-type": "application/json", age: "3" },
        }),
      audit: async () =>
        new Response(JSON.stringify({ data: [{ caller: key }], next_cursor: null }), {
          headers: { "content-type": "application/json" },
        }),
      live: async () =>
        new Response(`event: instances\ndata: {"data":["${key}"],"age_ms":0}\n\n`, {
          headers: { "content-type": "text/event-stream" },
        }),
    };
    const handle = createLambdaProxy({ apiKey: inMemoryKey(key), gateway: leaky, log: false });
    const answer = await handle(new Request(`${PROXY_ORIGIN}/api/v1/instances`));
    expect(answer.headers.get("set-cookie")).toBeNull();
    expect(answer.headers.get("age")).toBe("3");
    expect(answer.headers.get("x-request-id")).toBe("[redacted]");
    expect(await answer.text()).toBe('{"data":"[redacted]"}');
    expect((await (await handle(new Request(`${PROXY_ORIGIN}${AUDIT_PATH}`))).text()).includes(key)).toBe(false);
    expect((await (await handle(new Request(`${PROXY_ORIGIN}${LIVE_INSTANCES_PATH}`))).text()).includes(key)).toBe(
      false,
    );
  });

  it("does not count cached reads against the per-caller limit, and counts writes", async () => {
    const { call, write, counts } = proxyWithGateway();
    const reads = [];
    for (let index = 0; index < 20; index += 1)
      reads.push(await call("/api/v1/images", { headers: { authorization: CALLER_TOKEN } }));
    expect(reads.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(counts.get("ada")).toBeUndefined();
    const writes = [];
    for (let index = 0; index < 4; index += 1)
      writes.push(await settle(write("/api/v1/ssh-keys", { name: `key-${index}` })));
    expect(writes.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(((await writes[3]!.json()) as { error: { code: string } }).error.code).toBe("proxy/rate-limited");
  });

  it("passes Idempotency-Key to the gateway: a repeated write answers the first answer with idempotent-replayed", async () => {
    const { write, upstreamCalls } = proxyWithGateway();
    const headers = { "idempotency-key": crypto.randomUUID() };
    const first = await settle(write("/api/v1/ssh-keys", { name: "laptop" }, headers));
    const again = await settle(write("/api/v1/ssh-keys", { name: "laptop" }, headers));
    expect(again.headers.get(IDEMPOTENT_REPLAY_HEADER)).toBe("true");
    expect(await again.text()).toBe(await first.text());
    expect(upstreamCalls.filter((line) => line === "POST /api/v1/ssh-keys")).toHaveLength(1);
    const malformed = await write("/api/v1/ssh-keys", { name: "x" }, { "idempotency-key": "has spaces" });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe("proxy/invalid-idempotency-key");
  });

  it("serves the audit trail authorized like a write, and only with GET", async () => {
    const { call, write, authorized } = proxyWithGateway();
    await settle(write("/api/v1/ssh-keys", { name: "laptop" }));
    const refused = await call(AUDIT_PATH);
    expect(refused.status).toBe(401);
    expect(authorized.at(-1)).toEqual({ operation: "readAuditTrail", access: "write" });
    const page = await call(`${AUDIT_PATH}?limit=10`, { headers: { authorization: CALLER_TOKEN } });
    expect(page.status).toBe(200);
    const body = (await page.json()) as { data: { caller: string; operation: string }[]; next_cursor: string | null };
    expect(body.data.map(({ caller, operation }) => ({ caller, operation }))).toEqual([
      { caller: "ada", operation: "addSSHKey" },
    ]);
    expect((await call(AUDIT_PATH, { method: "POST", headers: { authorization: CALLER_TOKEN } })).status).toBe(405);
    expect((await call(`${AUDIT_PATH}?user=x`, { headers: { authorization: CALLER_TOKEN } })).status).toBe(400);
  });

  it("serves the live feed authorized like listInstances, each event passed on as soon as it is complete", async () => {
    const { call, authorized } = proxyWithGateway();
    const controller = new AbortController();
    const live = await call(LIVE_INSTANCES_PATH, { signal: controller.signal });
    expect(live.status).toBe(200);
    expect(live.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(authorized.at(-1)).toEqual({ operation: "listInstances", access: "read" });
    const reader = live.body!.getReader();
    let text = "";
    while (!text.includes("event: instances")) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('data: {"data":[],"age_ms":0}\n\n');
    controller.abort();
    await reader.cancel();
  });

  it("answers 503 proxy/gateway-unavailable when the gateway fails, and stays a plain proxy without one", async () => {
    const key = sentinel();
    const broken: Gateway = {
      handle: () => Promise.reject(new Error("object reset")),
      audit: () => Promise.reject(new Error("object reset")),
      live: () => Promise.reject(new Error("object reset")),
    };
    const handle = createLambdaProxy({ apiKey: inMemoryKey(key), gateway: broken, log: false });
    const answer = await handle(new Request(`${PROXY_ORIGIN}/api/v1/instances`));
    expect(answer.status).toBe(503);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("proxy/gateway-unavailable");
    const plain = createLambdaProxy({ apiKey: inMemoryKey(key), log: false });
    expect((await plain(new Request(`${PROXY_ORIGIN}${AUDIT_PATH}`))).status).toBe(404);
  });
});
