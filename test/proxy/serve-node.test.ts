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
    const client = new LambdaCloudClient({
      apiKey: "browser",
      baseUrl: `${server.origin}/api/v1`,
      rateLimit: false,
      maxRetries: 0,
    });
    await expect(client.instances.list()).resolves.toEqual([instance]);
    expect(proxy.upstream.requests[0]?.headers.get("authorization")).toBe(`Bearer ${proxy.key}`);
  });

  it("answers 400 proxy/bad-request to TRACE, which fetch's Request refuses, and keeps serving", async () => {
    const proxy = proxyUnderTest();
    server = await serve(proxy.handle);
    const refused = await sendRaw(server.port, "TRACE /api/v1/instances HTTP/1.1\r\nHost: 127.0.0.1");
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "proxy/bad-request" } });
    const after = await sendRaw(server.port, "GET /api/v1/instances HTTP/1.1\r\nHost: 127.0.0.1");
    expect(after.status).toBe(200);
    expect(proxy.upstream.requests).toHaveLength(1);
  });

  it("survives TRACK (Node's parser answers 400) and CONNECT (Node closes the connection) and keeps serving", async () => {
    const proxy = proxyUnderTest();
    server = await serve(proxy.handle);
    expect((await sendRaw(server.port, "TRACK /api/v1/instances HTTP/1.1\r\nHost: 127.0.0.1")).status).toBe(400);
    const connect = await sendRaw(
      server.port,
      `CONNECT 127.0.0.1:${server.port} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}`,
    );
    expect(connect.status).toBe(0);
    expect((await sendRaw(server.port, "GET /api/v1/instances HTTP/1.1\r\nHost: 127.0.0.1")).status).toBe(200);
    expect(proxy.upstream.requests).toHaveLength(1);
  });

  it("limits 20 requests with 20 spoofed cf-connecting-ip and x-forwarded-for by a limit of 5: it counts the socket's address", async () => {
    const counts = new Map<string, number>();
    const proxy = proxyUnderTest({
      rateLimit: (key) => (counts.set(key, (counts.get(key) ?? 0) + 1).get(key) ?? 0) <= 5,
    });
    server = await serve(proxy.handle);
    const statuses: number[] = [];
    for (let i = 1; i <= 20; i++) {
      const spoofed = `203.0.113.${i}`;
      const answer = await fetch(`${server.origin}/api/v1/instances`, {
        headers: { "cf-connecting-ip": spoofed, "x-forwarded-for": spoofed },
      });
      await answer.body?.cancel();
      statuses.push(answer.status);
    }
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    expect([...counts.keys()]).toEqual(["127.0.0.1"]);
  });

  it("answers 421 to a DNS-rebinding Host with a matching Origin, forwarding nothing", async () => {
    const proxy = proxyUnderTest();
    server = await serve(proxy.handle);
    const host = `rebind.attacker.example:${server.port}`;
    const answer = await sendRaw(
      server.port,
      `GET /api/v1/instances HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}`,
    );
    expect(answer.status).toBe(421);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "proxy/host-not-allowed" } });
    expect(proxy.upstream.requests).toHaveLength(0);
  });

  it("admits same-origin browser requests on its address and localhost, and on a host name it is configured with", async () => {
    const proxy = proxyUnderTest({ cors: { origins: ["https://dash.example.com"] } });
    server = await serve(proxy.handle, { hosts: ["dash.internal"] });
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, "dash.internal:8787"]) {
      const same = await sendRaw(
        server.port,
        `GET /api/v1/instances HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}`,
      );
      expect(same.status, host).toBe(200);
    }
    // A Host that is not a host name cannot make an arbitrary origin look like the proxy's own.
    const forged = await sendRaw(
      server.port,
      "GET /api/v1/instances HTTP/1.1\r\nHost: evil.example/x@\r\nOrigin: http://evil.example/x@",
    );
    expect(forged.status).toBe(421);
  });

  it("aborts the upstream request when the client goes away", async () => {
    let upstreamSignal: AbortSignal | undefined;
    let reached!: () => void;
    const upstreamReached = new Promise<void>((resolve) => (reached = resolve));
    const proxy = proxyUnderTest({
      fetch: (_input, init) => {
        upstreamSignal = init?.signal ?? undefined;
        reached();
        return new Promise<Response>((_, reject) =>
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
        );
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
    const proxy = proxyUnderTest(
      {},
      () => new Response(upstreamBody.body, { headers: { "content-type": "application/json" } }),
    );
    server = await serve(proxy.handle);
    await expectStreamedThrough(await fetch(`${server.origin}/api/v1/instances`), upstreamBody, 300);
  });
});
