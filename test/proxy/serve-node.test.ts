import { afterEach, describe, expect, it } from "vitest";
import { LambdaCloudClient } from "../../src/index.js";
import { ok } from "../helpers/mock-api.js";
import { instance } from "../helpers/payloads.js";
import { controllableBody, expectStreamedThrough, proxyUnderTest } from "./helpers.js";
import { type RunningServer, sendRaw, serve } from "./node-server.js";

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("toNodeListener", () => {
  it("serves the proxy over real HTTP to the client", async () => {
    const proxy = proxyUnderTest({}, () => ok([instance]));
    server = await serve(proxy.handle);
    const client = new LambdaCloudClient({ apiKey: "browser", baseUrl: `${server.origin}/api/v1`, rateLimit: false, maxRetries: 0 });
    await expect(client.instances.list()).resolves.toEqual([instance]);
    expect(proxy.upstream.requests[0]?.headers.get("authorization")).toBe(`Bearer ${proxy.key}`);
  });

  it("replaces a cf-connecting-ip sent by the client with the socket's address, for rate limiting", async () => {
    const keys: string[] = [];
    const proxy = proxyUnderTest({ rateLimit: async (key) => (keys.push(key), true) });
    server = await serve(proxy.handle);
    await fetch(`${server.origin}/api/v1/instances`, { headers: { "cf-connecting-ip": "203.0.113.66" } });
    expect(keys).toEqual(["127.0.0.1"]);
  });

  it("builds the request URL from a valid Host header only", async () => {
    const proxy = proxyUnderTest({ cors: { origins: ["https://dash.example.com"] } });
    server = await serve(proxy.handle);
    // The Host decides the proxy's own origin, so a same-origin browser request passes...
    const same = await sendRaw(server.port, "GET /api/v1/instances HTTP/1.1\r\nHost: dash.internal:8787\r\nOrigin: http://dash.internal:8787");
    expect(same.status).toBe(200);
    // ...and a Host that is not a host name cannot make an arbitrary origin look like the proxy's own.
    const forged = await sendRaw(server.port, "GET /api/v1/instances HTTP/1.1\r\nHost: evil.example/x@\r\nOrigin: http://evil.example/x@");
    expect(forged.status).toBe(403);
  });

  it("aborts the upstream request when the client goes away", async () => {
    let upstreamSignal: AbortSignal | undefined;
    let reached!: () => void;
    const upstreamReached = new Promise<void>((resolve) => (reached = resolve));
    const proxy = proxyUnderTest({
      fetch: (_input, init) => {
        upstreamSignal = init?.signal ?? undefined;
        reached();
        return new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
      },
    });
    server = await serve(proxy.handle);
    const aborter = new AbortController();
    const pending = fetch(`${server.origin}/api/v1/instances`, { signal: aborter.signal }).catch(() => undefined);
    await upstreamReached;
    aborter.abort();
    await pending;
    await expect.poll(() => upstreamSignal?.aborted).toBe(true);
  });

  it("streams a response body as it arrives", async () => {
    const upstreamBody = controllableBody();
    const proxy = proxyUnderTest({}, () => new Response(upstreamBody.body, { headers: { "content-type": "application/json" } }));
    server = await serve(proxy.handle);
    await expectStreamedThrough(await fetch(`${server.origin}/api/v1/instances`), upstreamBody, 300);
  });
});
