import { describe, expect, it, vi } from "vitest";
import type { Authorizer } from "../../src/proxy/index.js";
import { errorOf, proxyUnderTest } from "./helpers.js";

const LAUNCH: RequestInit = { method: "POST", body: "{}", headers: { "content-type": "application/json" } };

describe("authorize", () => {
  it("is called with the request, the env and the operation, for reads and writes alike", async () => {
    const authorize = vi.fn<Authorizer>(async () => true);
    const proxy = proxyUnderTest({ allow: "read-write", authorize });
    const env = { DASHBOARD_TOKEN: "t" };
    await proxy.call("/api/v1/instances", {}, env);
    await proxy.call("/api/v1/instance-operations/launch", LAUNCH, env);
    expect(authorize).toHaveBeenCalledTimes(2);
    expect(authorize.mock.calls[0]?.[0]).toBeInstanceOf(Request);
    expect(authorize.mock.calls[0]?.[1]).toBe(env);
    expect(authorize.mock.calls.map((call) => call[2])).toEqual([
      { operation: "listInstances", access: "read" },
      { operation: "launchInstance", access: "write" },
    ]);
  });

  it("is not called for requests refused before routing or by routing", async () => {
    const authorize = vi.fn<Authorizer>(async () => true);
    const proxy = proxyUnderTest({ allow: "read-write", authorize });
    await proxy.call("/api/v1//instances");
    await proxy.call("/api/v1/nowhere");
    expect(authorize).not.toHaveBeenCalled();
  });

  it("answers 401 proxy/unauthorized when it refuses a request that carried no credentials", async () => {
    const proxy = proxyUnderTest({ allow: "read-write", authorize: async () => false });
    const response = await proxy.call("/api/v1/instance-operations/launch", LAUNCH);
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe("proxy/unauthorized");
    expect(proxy.upstream.requests).toHaveLength(0);
    expect(proxy.logs[0]?.detail).toBe("authorize answered false");
  });

  it.each([
    ["an Authorization header", { authorization: "Bearer wrong" }],
    ["a cookie", { cookie: "CF_Authorization=x" }],
    ["a Cloudflare Access assertion", { "cf-access-jwt-assertion": "x.y.z" }],
  ])("answers 403 when it refuses a request that carried %s", async (_label, headers) => {
    const proxy = proxyUnderTest({ allow: "read-write", authorize: async () => false });
    const response = await proxy.call("/api/v1/instance-operations/launch", {
      ...LAUNCH,
      headers: { ...LAUNCH.headers, ...headers },
    });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe("proxy/unauthorized");
  });

  // Random markers, so that no other text in the answer (ids, request ids) can hold them by chance.
  const thrownMarker = `marker-${crypto.randomUUID()}`;
  const answeredMarker = `marker-${crypto.randomUUID()}`;

  it.each([
    ["throws", async () => Promise.reject(new RangeError(`token check failed for Bearer ${thrownMarker}`))],
    ["answers a string", async () => answeredMarker],
    ["answers an object without id", async () => ({ user: "x" })],
    ["answers an empty id", async () => ({ id: "" })],
    ["answers null", async () => null],
  ])("fails closed with 403 when it %s, without echoing what it said", async (_label, authorize) => {
    const proxy = proxyUnderTest({ allow: "read-write", authorize: authorize as unknown as Authorizer });
    const response = await proxy.call("/api/v1/instance-operations/launch", LAUNCH);
    expect(response.status).toBe(403);
    const text = JSON.stringify(await errorOf(response)) + JSON.stringify(proxy.logs);
    expect(text).not.toContain(thrownMarker);
    expect(text).not.toContain(answeredMarker);
    expect(proxy.upstream.requests).toHaveLength(0);
  });

  it("lets the authorizer keep reads public and guard only writes", async () => {
    const proxy = proxyUnderTest({
      allow: "read-write",
      authorize: async (request, _env, { access }) =>
        access === "read" || request.headers.get("authorization") === "Bearer ok",
    });
    expect((await proxy.call("/api/v1/instances")).status).toBe(200);
    expect((await proxy.call("/api/v1/instance-operations/launch", LAUNCH)).status).toBe(401);
    const authorized = await proxy.call("/api/v1/instance-operations/launch", {
      ...LAUNCH,
      headers: { authorization: "Bearer ok" },
    });
    expect(authorized.status).toBe(200);
    expect(proxy.upstream.requests[1]?.headers.get("authorization")).toBe(`Bearer ${proxy.key}`);
  });
});
