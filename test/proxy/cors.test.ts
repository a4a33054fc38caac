import { describe, expect, it } from "vitest";
import { inMemoryKey } from "../../src/auth/providers/in-memory.js";
import { checkHost, createLambdaProxy } from "../../src/proxy/index.js";
import { allowAll, errorOf, proxyUnderTest } from "./helpers.js";

const DASHBOARD = "https://dash.example.com";
const preflight = (origin: string, method = "GET"): RequestInit => ({
  method: "OPTIONS",
  headers: { origin, "access-control-request-method": method, "access-control-request-headers": "content-type" },
});
const corsHeaderNames = (response: Response) =>
  [...response.headers.keys()].filter((name) => name.startsWith("access-control-"));

describe("CORS preflight", () => {
  it("answers a preflight from an allowed origin locally with 204, fixed methods and headers, and Vary: Origin", async () => {
    const proxy = proxyUnderTest({ allow: "read-write", authorize: allowAll, cors: { origins: [DASHBOARD] } });
    const response = await proxy.call("/api/v1/instance-operations/launch", preflight(DASHBOARD, "POST"));
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
    expect(response.headers.get("access-control-allow-methods")).toBe("GET, POST, DELETE, PUT, PATCH");
    expect(response.headers.get("access-control-allow-headers")).toBe("accept, authorization, content-type");
    expect(response.headers.get("access-control-max-age")).toBe("600");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    expect(response.headers.get("vary")).toBe("Origin");
    expect(await response.text()).toBe("");
    expect(proxy.upstream.requests).toHaveLength(0);
  });

  it("allows only the methods of the allowed operations in a read-only proxy", async () => {
    const proxy = proxyUnderTest({ cors: { origins: [DASHBOARD] } });
    const response = await proxy.call("/api/v1/instances", preflight(DASHBOARD));
    expect(response.headers.get("access-control-allow-methods")).toBe("GET");
  });

  it.each([
    ["another site", "https://evil.example"],
    ["a subdomain of the allowed origin", "https://x.dash.example.com"],
    ["the allowed host over http", "http://dash.example.com"],
    ["the allowed origin with another port", "https://dash.example.com:8443"],
    ["the null origin", "null"],
  ])("refuses a preflight from %s with 403 proxy/unauthorized and no CORS headers", async (_label, origin) => {
    const proxy = proxyUnderTest({ cors: { origins: [DASHBOARD] } });
    const response = await proxy.call("/api/v1/instances", preflight(origin));
    expect(response.status).toBe(403);
    expect(corsHeaderNames(response)).toEqual([]);
    expect((await errorOf(response)).code).toBe("proxy/unauthorized");
    expect(proxy.logs[0]?.detail).toBe("origin not allowed");
  });

  it("refuses every cross-origin preflight when no cors option is given", async () => {
    const proxy = proxyUnderTest();
    const response = await proxy.call("/api/v1/instances", preflight(DASHBOARD));
    expect(response.status).toBe(403);
    expect(corsHeaderNames(response)).toEqual([]);
    expect(response.headers.get("vary")).toBeNull();
  });
});

describe("CORS on actual requests", () => {
  it("adds Allow-Origin, exposed headers and Vary: Origin for an allowed origin, on success and on proxy errors", async () => {
    const proxy = proxyUnderTest({ cors: { origins: [DASHBOARD] } });
    for (const path of ["/api/v1/instances", "/api/v1/nowhere"]) {
      const response = await proxy.call(path, { headers: { origin: DASHBOARD } });
      expect(response.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
      expect(response.headers.get("access-control-expose-headers")).toBe(
        "retry-after, x-proxy-request-id, x-request-id",
      );
      expect(response.headers.get("vary")).toBe("Origin");
    }
  });

  it("refuses a request from a disallowed origin with 403 before forwarding anything (no cross-site form posts)", async () => {
    const proxy = proxyUnderTest({ allow: "read-write", authorize: allowAll, cors: { origins: [DASHBOARD] } });
    const response = await proxy.call("/api/v1/instance-operations/terminate", {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "text/plain" },
      body: '{"instance_ids":["0920582c7ff041399e34823a0be62549"]}',
    });
    expect(response.status).toBe(403);
    expect(corsHeaderNames(response)).toEqual([]);
    expect(response.headers.get("vary")).toBe("Origin");
    expect(proxy.upstream.requests).toHaveLength(0);
  });

  it("serves same-origin requests (Origin equal to the proxy's own) without CORS headers when the Host is trusted", async () => {
    const proxy = proxyUnderTest({ cors: { origins: [DASHBOARD] }, trust: { host: true } });
    const response = await proxy.call("/api/v1/instances", { headers: { origin: "http://proxy.test" } });
    expect(response.status).toBe(200);
    expect(corsHeaderNames(response)).toEqual([]);
  });

  it("does not take its own origin from the request's Host: a rebinding name with a matching Origin is refused", async () => {
    const proxy = proxyUnderTest();
    const response = await proxy.handle(
      new Request("http://rebind.attacker.example:8790/api/v1/instances", {
        headers: { origin: "http://rebind.attacker.example:8790" },
      }),
    );
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe("proxy/unauthorized");
    expect(proxy.upstream.requests).toHaveLength(0);
  });

  it("treats the origin of a request whose Host checkHost passed as its own", async () => {
    const proxy = proxyUnderTest();
    const request = new Request("http://127.0.0.1:8790/api/v1/instances", {
      headers: { origin: "http://127.0.0.1:8790" },
    });
    expect(checkHost(request)).toBeUndefined();
    expect((await proxy.handle(request)).status).toBe(200);
  });

  it("serves requests without an Origin (servers, curl) without CORS headers", async () => {
    const response = await proxyUnderTest().call("/api/v1/instances");
    expect(response.status).toBe(200);
    expect(corsHeaderNames(response)).toEqual([]);
  });

  it('answers "*" to any origin when the proxy is read-only and cors.origins is ["*"]', async () => {
    const proxy = proxyUnderTest({ cors: { origins: ["*"] } });
    const response = await proxy.call("/api/v1/instances", { headers: { origin: "https://anyone.example" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("the cors option", () => {
  const base = { apiKey: inMemoryKey("k") };

  it('refuses "*" when writes are allowed', () => {
    expect(() =>
      createLambdaProxy({ ...base, allow: "read-write", authorize: allowAll, cors: { origins: ["*"] } }),
    ).toThrow(/cors\.origins may not contain "\*" when the proxy allows more than reads/);
    expect(() =>
      createLambdaProxy({
        ...base,
        allow: ["listInstances", "deleteSSHKey"],
        authorize: allowAll,
        cors: { origins: ["*"] },
      }),
    ).toThrow(TypeError);
  });

  it.each([
    ["a trailing slash", "https://dash.example.com/"],
    ["a path", "https://dash.example.com/app"],
    ["a wildcard subdomain", "https://*.example.com"],
    ["no scheme", "dash.example.com"],
    ["another scheme", "ftp://dash.example.com"],
    ["the null origin", "null"],
    ["upper-case letters", "https://Dash.example.com"],
    ["a non-string", 42],
  ])("refuses an origin with %s, naming its index", (_label, origin) => {
    expect(() => createLambdaProxy({ ...base, cors: { origins: [DASHBOARD, origin as string] } })).toThrow(
      /^cors\.origins\[1\] must be an exact origin such as "https:\/\/dash\.example\.com"/,
    );
  });

  it("refuses a cors value without an origins list", () => {
    expect(() => createLambdaProxy({ ...base, cors: ["https://dash.example.com"] as never })).toThrow(
      /cors must be an object/,
    );
  });
});
