import { describe, expect, it, vi } from "vitest";
import type { RateLimitBinding } from "../../src/proxy/index.js";
import { errorOf, proxyUnderTest } from "./helpers.js";

/** A binding like Workers' that allows `limit` requests per key, recording the keys it saw. */
function fakeBinding(limit: number): RateLimitBinding & { keys: string[] } {
  const counts = new Map<string, number>();
  const keys: string[] = [];
  return {
    keys,
    async limit({ key }) {
      keys.push(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return { success: (counts.get(key) ?? 0) <= limit };
    },
  };
}

describe("rate limiting", () => {
  it("answers 429 proxy/rate-limited with Retry-After once a binding says no, forwarding nothing more", async () => {
    const binding = fakeBinding(2);
    const proxy = proxyUnderTest({ rateLimit: binding, trust: { clientAddressHeader: "cf-connecting-ip" } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await proxy.call("/api/v1/instances", { headers: { "cf-connecting-ip": "198.51.100.7" } })).status,
      );
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await proxy.call("/api/v1/instances", { headers: { "cf-connecting-ip": "198.51.100.7" } });
    expect(limited.headers.get("retry-after")).toBe("10");
    expect((await errorOf(limited)).code).toBe("proxy/rate-limited");
    expect(proxy.upstream.requests).toHaveLength(2);
  });

  it("counts per client address from the header trust.clientAddressHeader names, else under anonymous", async () => {
    const binding = fakeBinding(1);
    const proxy = proxyUnderTest({ rateLimit: binding, trust: { clientAddressHeader: "cf-connecting-ip" } });
    expect((await proxy.call("/api/v1/instances", { headers: { "cf-connecting-ip": "198.51.100.1" } })).status).toBe(
      200,
    );
    expect((await proxy.call("/api/v1/instances", { headers: { "cf-connecting-ip": "198.51.100.2" } })).status).toBe(
      200,
    );
    expect((await proxy.call("/api/v1/instances")).status).toBe(200);
    expect((await proxy.call("/api/v1/instances")).status).toBe(429);
    expect(binding.keys).toEqual(["198.51.100.1", "198.51.100.2", "anonymous", "anonymous"]);
  });

  it("limits 20 requests from 20 spoofed cf-connecting-ip and x-forwarded-for addresses by a limit of 5 when no header is trusted", async () => {
    const binding = fakeBinding(5);
    const proxy = proxyUnderTest({ rateLimit: binding });
    const statuses: number[] = [];
    for (let i = 1; i <= 20; i++) {
      const spoofed = `203.0.113.${i}`;
      statuses.push(
        (
          await proxy.call("/api/v1/instances", {
            headers: { "cf-connecting-ip": spoofed, "x-forwarded-for": spoofed },
          })
        ).status,
      );
    }
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    expect(new Set(binding.keys)).toEqual(new Set(["anonymous"]));
  });

  it("counts under the clientAddress the server passes in the third argument, not under headers", async () => {
    const binding = fakeBinding(1);
    const proxy = proxyUnderTest({ rateLimit: binding });
    const call = (address: string) =>
      proxy.handle(
        new Request("http://proxy.test/api/v1/instances", { headers: { "cf-connecting-ip": "203.0.113.1" } }),
        undefined,
        { clientAddress: address },
      );
    expect((await call("198.51.100.1")).status).toBe(200);
    expect((await call("198.51.100.2")).status).toBe(200);
    expect((await call("198.51.100.1")).status).toBe(429);
    expect(binding.keys).toEqual(["198.51.100.1", "198.51.100.2", "198.51.100.1"]);
  });

  it("ignores a Worker's ExecutionContext as the third argument: no clientAddress, so anonymous", async () => {
    const binding = fakeBinding(5);
    const proxy = proxyUnderTest({ rateLimit: binding });
    const executionContext = { waitUntil: () => undefined, passThroughOnException: () => undefined };
    await proxy.handle(new Request("http://proxy.test/api/v1/instances"), {}, executionContext);
    expect(binding.keys).toEqual(["anonymous"]);
  });

  it("counts under the id the authorizer returned, whatever the IP", async () => {
    const binding = fakeBinding(5);
    const proxy = proxyUnderTest({ rateLimit: binding, authorize: async () => ({ id: "alice@example.com" }) });
    await proxy.call("/api/v1/instances", { headers: { "cf-connecting-ip": "198.51.100.1" } });
    expect(binding.keys).toEqual(["alice@example.com"]);
  });

  it("accepts a function of the key and the request's env, e.g. to reach a binding only env holds", async () => {
    const binding = fakeBinding(1);
    const check = vi.fn(
      async (key: string, env: unknown) => (await (env as { LIMIT: RateLimitBinding }).LIMIT.limit({ key })).success,
    );
    const proxy = proxyUnderTest({ rateLimit: check, trust: { clientAddressHeader: "cf-connecting-ip" } });
    const env = { LIMIT: binding };
    expect(
      (await proxy.call("/api/v1/instances", { headers: { "cf-connecting-ip": "198.51.100.1" } }, env)).status,
    ).toBe(200);
    expect(
      (await proxy.call("/api/v1/instances", { headers: { "cf-connecting-ip": "198.51.100.1" } }, env)).status,
    ).toBe(429);
    expect(check.mock.calls).toEqual([
      ["198.51.100.1", env],
      ["198.51.100.1", env],
    ]);
  });

  it("does not count requests refused before they match an operation", async () => {
    const check = vi.fn(async () => true);
    const proxy = proxyUnderTest({ rateLimit: check, trust: { clientAddressHeader: "cf-connecting-ip" } });
    await proxy.call("/api/v1/nowhere");
    await proxy.call("/api/v1/instances", { method: "DELETE" });
    expect(check).not.toHaveBeenCalled();
  });

  it("lets a request through when the limiter itself fails, and logs why", async () => {
    const proxy = proxyUnderTest({ rateLimit: { limit: async () => Promise.reject(new Error("binding down")) } });
    expect((await proxy.call("/api/v1/instances")).status).toBe(200);
    expect(proxy.logs[0]?.detail).toBe("rate limiter failed (Error); request let through");
  });
});
