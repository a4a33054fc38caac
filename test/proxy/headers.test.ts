import { describe, expect, it } from "vitest";
import { inMemoryKey } from "../../src/auth/providers/in-memory.js";
import { createLambdaProxy } from "../../src/proxy/index.js";
import { ok } from "../helpers/mock-api.js";
import { allowAll, controllableBody, errorOf, expectStreamedThrough, proxyUnderTest, sentinel } from "./helpers.js";

const hostileRequestHeaders = {
  authorization: "Bearer browser-token",
  cookie: "session=browser-cookie",
  "cf-connecting-ip": "203.0.113.9",
  "cf-access-jwt-assertion": "jwt.from.access",
  "cf-ray": "abc",
  "x-forwarded-for": "203.0.113.9",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "http",
  forwarded: "for=203.0.113.9;host=evil.example",
  origin: "http://proxy.test",
  referer: "http://proxy.test/dashboard",
  "user-agent": "browser",
  "x-api-key": "other",
  "proxy-authorization": "Basic eA==",
  "x-http-method-override": "DELETE",
  "transfer-encoding": "chunked",
  te: "trailers",
  connection: "keep-alive, x-custom",
  "x-custom": "1",
  accept: "application/json",
  "content-type": "application/json",
};

describe("outbound request headers", () => {
  it("sends only accept, content-type and the provider's key as a Bearer token", async () => {
    // The Host is trusted, so the same-origin Origin above is admitted and the request goes out.
    const proxy = proxyUnderTest({ allow: "read-write", authorize: allowAll, trust: { host: true } });
    const { "transfer-encoding": _te, ...sendable } = hostileRequestHeaders;
    await proxy.call("/api/v1/ssh-keys", { method: "POST", headers: sendable, body: '{"name":"k"}' });
    const sent = proxy.upstream.requests[0]!;
    expect(Object.fromEntries(sent.headers)).toEqual({
      accept: "application/json",
      "content-type": "application/json",
      authorization: `Bearer ${proxy.key}`,
    });
  });

  it("asks for JSON when the browser sent no Accept, and sends no content-type without a body", async () => {
    const proxy = proxyUnderTest();
    await proxy.call("/api/v1/instances", { headers: { "content-type": "text/plain" } });
    expect(Object.fromEntries(proxy.upstream.requests[0]!.headers)).toEqual({
      accept: "application/json",
      authorization: `Bearer ${proxy.key}`,
    });
  });

  it("sends with redirect: manual, the table's method and the client's abort signal", async () => {
    const seen: Request[] = [];
    const handle = createLambdaProxy({
      apiKey: inMemoryKey(sentinel()),
      log: false,
      fetch: async (input, init) => {
        seen.push(new Request(input, init));
        return ok([]);
      },
    });
    const aborter = new AbortController();
    await handle(new Request("http://proxy.test/api/v1/instances", { signal: aborter.signal }));
    expect(seen[0]?.redirect).toBe("manual");
    expect(seen[0]?.method).toBe("GET");
    aborter.abort();
    expect(seen[0]?.signal.aborted).toBe(true);
  });
});

describe("response headers and status", () => {
  const upstreamHeaders = {
    "content-type": "application/json",
    "retry-after": "3",
    "x-request-id": "up-123",
    "x-ratelimit-remaining": "9",
    "set-cookie": "session=upstream; HttpOnly",
    location: "https://evil.example/",
    "content-encoding": "identity",
    "content-length": "999",
    "cache-control": "public, max-age=3600",
    "access-control-allow-origin": "*",
    "strict-transport-security": "max-age=1",
    server: "upstream/1.0",
    "x-powered-by": "php",
    via: "1.1 upstream",
  };

  it("passes only allowlisted headers back and adds no-store, nosniff, a no-content CSP and the request id", async () => {
    const proxy = proxyUnderTest({}, () => new Response('{"data":[]}', { status: 200, headers: upstreamHeaders }));
    const response = await proxy.call("/api/v1/instances");
    const headers = Object.fromEntries(response.headers);
    expect(headers).toEqual({
      "content-type": "application/json",
      "retry-after": "3",
      "x-request-id": "up-123",
      "x-ratelimit-remaining": "9",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
      "x-proxy-request-id": proxy.logs[0]!.requestId,
    });
    expect(await response.text()).toBe('{"data":[]}');
  });

  it("adds no-store, nosniff and the request id to the proxy's own errors, and the id is in the body", async () => {
    const proxy = proxyUnderTest();
    const response = await proxy.call("/api/v1/nowhere");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-type")).toBe("application/json");
    const requestId = response.headers.get("x-proxy-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await errorOf(response)).request_id).toBe(requestId);
  });

  it("gives every request its own id", async () => {
    const proxy = proxyUnderTest();
    const ids = new Set<string | null>();
    for (let i = 0; i < 5; i++) ids.add((await proxy.call("/api/v1/instances")).headers.get("x-proxy-request-id"));
    expect(ids.size).toBe(5);
  });

  it.each([201, 202, 400, 404, 409, 429, 500, 503])("passes status %i and its body through", async (status) => {
    const body = `{"error":{"code":"x/${status}","message":"m"}}`;
    const proxy = proxyUnderTest(
      {},
      () => new Response(body, { status, headers: { "content-type": "application/json" } }),
    );
    const response = await proxy.call("/api/v1/instances");
    expect(response.status).toBe(status);
    expect(await response.text()).toBe(body);
  });

  it("passes a 204 through with no body", async () => {
    const proxy = proxyUnderTest({}, () => new Response(null, { status: 204 }));
    const response = await proxy.call("/api/v1/instances");
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it.each([301, 302, 307, 308])(
    "turns an upstream redirect (%i) into 502 proxy/upstream-unreachable without its Location",
    async (status) => {
      const proxy = proxyUnderTest(
        {},
        () => new Response("moved", { status, headers: { location: "https://evil.example/" } }),
      );
      const response = await proxy.call("/api/v1/instances");
      expect(response.status).toBe(502);
      expect(response.headers.get("location")).toBeNull();
      expect((await errorOf(response)).code).toBe("proxy/upstream-unreachable");
      expect(proxy.logs[0]?.detail).toBe(`upstream answered a redirect (${status})`);
    },
  );

  it("streams the body: the first chunk arrives before the upstream has finished", async () => {
    const upstreamBody = controllableBody();
    const proxy = proxyUnderTest(
      {},
      () => new Response(upstreamBody.body, { headers: { "content-type": "application/json" } }),
    );
    await expectStreamedThrough(await proxy.call("/api/v1/instances"), upstreamBody, 200);
  });

  it("answers 502 proxy/upstream-unreachable when the upstream cannot be reached", async () => {
    const proxy = proxyUnderTest({}, () => new TypeError("connect ECONNREFUSED 10.0.0.1:443"));
    const response = await proxy.call("/api/v1/instances");
    expect(response.status).toBe(502);
    const error = await errorOf(response);
    expect(error.code).toBe("proxy/upstream-unreachable");
    expect(error.message).not.toContain("10.0.0.1");
    expect(proxy.logs[0]?.detail).toBe("upstream fetch failed (TypeError)");
  });
});
