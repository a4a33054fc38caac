import { afterEach, describe, expect, it, vi } from "vitest";
import { inMemoryKey } from "../../src/auth/providers/in-memory.js";
import { createLambdaProxy } from "../../src/proxy/index.js";
import { ok } from "../helpers/mock-api.js";
import { allowAll, proxyUnderTest, sentinel } from "./helpers.js";

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe("request logs", () => {
  it("records one structured line per request: time, request id, method, operation, status, duration and code", async () => {
    vi.useFakeTimers({ now: new Date("2026-01-02T03:04:05.000Z"), toFake: ["Date"] });
    const proxy = proxyUnderTest({}, async () => {
      vi.setSystemTime(new Date("2026-01-02T03:04:05.042Z"));
      return ok([]);
    });
    const response = await proxy.call("/api/v1/instances");
    expect(proxy.logs).toEqual([
      {
        time: "2026-01-02T03:04:05.000Z",
        requestId: response.headers.get("x-proxy-request-id"),
        method: "GET",
        operation: "listInstances",
        status: 200,
        durationMs: 42,
        code: null,
      },
    ]);
  });

  it("records the proxy's own error code and the reason for operators", async () => {
    const proxy = proxyUnderTest();
    await proxy.call("/api/v1/instance-operations/launch", { method: "POST", body: "{}" });
    expect(proxy.logs[0]).toMatchObject({
      method: "POST",
      operation: null,
      status: 404,
      code: "proxy/route-not-allowed",
      detail: "operation launchInstance is not allowed",
    });
  });

  it("prints one JSON line per request with console.log by default", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    const handle = createLambdaProxy({ apiKey: inMemoryKey(sentinel()), fetch: async () => ok([]) });
    await handle(new Request("http://proxy.test/api/v1/instances"));
    await handle(new Request("http://proxy.test/api/v1/nowhere"));
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ operation: "listInstances", status: 200 });
    expect(JSON.parse(lines[1]!)).toMatchObject({ operation: null, status: 404, code: "proxy/route-not-allowed" });
  });

  it("prints nothing with log: false", async () => {
    const spy = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const handle = createLambdaProxy({ apiKey: inMemoryKey(sentinel()), fetch: async () => ok([]), log: false });
    await handle(new Request("http://proxy.test/api/v1/instances"));
    expect(spy).not.toHaveBeenCalled();
  });

  it("answers normally when the log function throws", async () => {
    const proxy = proxyUnderTest({
      log: () => {
        throw new Error("log sink down");
      },
    });
    expect((await proxy.call("/api/v1/instances")).status).toBe(200);
  });

  it("never records the key, the browser's credentials, header values or bodies", async () => {
    const proxy = proxyUnderTest({ allow: "read-write", authorize: allowAll }, () => {
      throw new Error("upstream down");
    });
    const secrets = ["browser-token-1", "cookie-value-2", "jwt-value-3", "body-value-4", "198.51.100.77"];
    await proxy.call("/api/v1/ssh-keys", {
      method: "POST",
      headers: {
        authorization: `Bearer ${secrets[0]}`,
        cookie: `s=${secrets[1]}`,
        "cf-access-jwt-assertion": secrets[2]!,
        "cf-connecting-ip": secrets[4]!,
      },
      body: JSON.stringify({ name: secrets[3] }),
    });
    const logged = JSON.stringify(proxy.logs);
    for (const secret of [proxy.key, ...secrets]) expect(logged).not.toContain(secret);
    expect(Object.keys(proxy.logs[0]!).sort()).toEqual([
      "code",
      "detail",
      "durationMs",
      "method",
      "operation",
      "requestId",
      "status",
      "time",
    ]);
  });

  it("keeps a provider's own error text out of the log, naming only the provider and the kind of error", async () => {
    const key = sentinel();
    const proxy = proxyUnderTest({
      apiKey: {
        name: "vault",
        getKey: () => {
          throw new RangeError(`vault rejected ${key}`);
        },
      },
    });
    const response = await proxy.call("/api/v1/instances");
    expect(response.status).toBe(503);
    expect(proxy.logs[0]?.detail).toBe("API key provider vault: reading the key failed (RangeError)");
    expect(JSON.stringify(proxy.logs) + (await response.text())).not.toContain(key);
  });
});
