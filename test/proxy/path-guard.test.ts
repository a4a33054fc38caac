import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowAll, errorOf, type ProxyUnderTest, proxyUnderTest } from "./helpers.js";
import { type RunningServer, sendRaw, serve } from "./node-server.js";

const ID = "0920582c7ff041399e34823a0be62549";

/** Hostile request targets, as they would appear on the wire. */
const hostileTargets: readonly (readonly [string, string])[] = [
  ["dot-dot segment", `/api/v1/instances/../ssh-keys`],
  ["dot-dot escaping the base path", `/api/v1/../../admin`],
  ["single dot segment", `/api/v1/./instances`],
  ["trailing dot-dot", `/api/v1/instances/..`],
  ["dot-dot glued to an id", `/api/v1/instances/${ID}..`],
  ["encoded dot-dot (lowercase)", `/api/v1/instances/%2e%2e/ssh-keys`],
  ["encoded dot-dot (uppercase)", `/api/v1/instances/%2E%2E/ssh-keys`],
  ["half-encoded dot-dot", `/api/v1/instances/.%2e/ssh-keys`],
  ["encoded slash", `/api/v1/instances%2f${ID}`],
  ["encoded slash (uppercase)", `/api/v1/instances%2F..%2Fssh-keys`],
  ["encoded backslash", `/api/v1/instances%5c${ID}`],
  ["double-encoded dot", `/api/v1/instances/%252e%252e/ssh-keys`],
  ["encoded NUL", `/api/v1/instances/${ID}%00`],
  ["encoded id characters", `/api/v1/instances/%30920582c7ff041399e34823a0be62549`],
  ["double slash", `/api/v1//instances`],
  ["leading double slash (scheme-relative)", `//evil.example/api/v1/instances`],
  ["triple slash", `/api/v1/instances///${ID}`],
  ["backslash", `/api/v1\\instances`],
  ["backslash traversal", `/api/v1/instances\\..\\ssh-keys`],
  ["absolute-form target", `http://evil.example/api/v1/instances`],
  ["absolute-form target to the real host", `https://cloud.lambda.ai/api/v1/instances`],
  ["asterisk-form target", `*`],
];

/** Targets that survive URL parsing unchanged enough for the handler itself to see them. */
const seenByHandler: readonly (readonly [string, string])[] = [
  ["dot-dot glued to an id", `/api/v1/instances/${ID}..`],
  ["encoded slash", `/api/v1/instances%2f${ID}`],
  ["encoded slash with dots", `/api/v1/ssh-keys/..%2f..%2fadmin`],
  ["encoded backslash", `/api/v1/instances%5c${ID}`],
  ["double-encoded dot", `/api/v1/instances/%252e%252e/ssh-keys`],
  ["encoded NUL", `/api/v1/instances/${ID}%00`],
  ["double slash", `/api/v1//instances`],
  ["double slash before an id", `/api/v1/instances//${ID}`],
  ["an absolute URL in the path", `/api/v1/http://evil.example/instances`],
];

describe("traversal and smuggling, seen by the handler", () => {
  it.each(seenByHandler)("refuses %s with 400 proxy/route-not-allowed before routing", async (_label, target) => {
    const proxy = proxyUnderTest({ allow: "read-write", authorize: allowAll });
    const response = await proxy.call(target);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("proxy/route-not-allowed");
    expect(error.message).not.toContain("evil");
    expect(proxy.upstream.requests).toHaveLength(0);
    expect(proxy.logs[0]).toMatchObject({ status: 400, operation: null, code: "proxy/route-not-allowed" });
  });

  it("routes dot segments that the URL parser already resolved only to what they resolve to", async () => {
    // new Request() resolves "/api/v1/instances/../ssh-keys" to "/api/v1/ssh-keys" before the
    // handler runs; the upstream URL is rebuilt from the table, so nothing else can be reached.
    const proxy = proxyUnderTest();
    const response = await proxy.call("/api/v1/instances/../ssh-keys");
    expect(response.status).toBe(200);
    expect(proxy.upstream.requests[0]?.url.href).toBe("https://upstream.test/api/v1/ssh-keys");
  });
});

describe("traversal and smuggling, as raw targets through toNodeListener", () => {
  let proxy: ProxyUnderTest;
  let server: RunningServer;
  beforeAll(async () => {
    proxy = proxyUnderTest({ allow: "read-write", authorize: allowAll });
    server = await serve(proxy.handle);
  });
  afterAll(() => server.close());

  it.each(hostileTargets)("refuses %s with 400 before routing, forwarding nothing", async (_label, target) => {
    const before = proxy.upstream.requests.length;
    const answer = await sendRaw(server.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error.code).toBe("proxy/route-not-allowed");
    expect(proxy.upstream.requests.length).toBe(before);
    expect(proxy.logs.at(-1)?.detail).toMatch(/^request target rejected: /);
  });

  it("leaves a raw non-ASCII target to Node's parser, which refuses it with 400", async () => {
    const before = proxy.upstream.requests.length;
    const answer = await sendRaw(server.port, `GET /api/v1/instances/\u00e9 HTTP/1.1\r\nHost: 127.0.0.1`);
    expect(answer.status).toBe(400);
    expect(proxy.upstream.requests.length).toBe(before);
  });

  it("forwards a clean raw target", async () => {
    const answer = await sendRaw(server.port, `GET /api/v1/instances/${ID} HTTP/1.1\r\nHost: 127.0.0.1`);
    expect(answer.status).toBe(200);
    expect(proxy.upstream.requests.at(-1)?.url.href).toBe(`https://upstream.test/api/v1/instances/${ID}`);
  });
});
