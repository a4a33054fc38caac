import { describe, expect, it } from "vitest";
import { BUFFERED_BODY_LIMIT } from "../../src/proxy/forward.js";
import { MAX_UPSTREAM_BODY_BYTES } from "../../src/proxy/upstream-body.js";
import { errorOf, proxyUnderTest } from "./helpers.js";

/** An endless upstream body of `chunkSize`-byte chunks that records how many were pulled and whether it was cancelled. */
function endlessBody(chunkSize = 64 * 1024) {
  const state = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(chunkSize).fill(0x20);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += 1;
      controller.enqueue(chunk);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { body, state };
}

describe("upstream content types", () => {
  it.each([
    ["text/html", 200],
    ["text/html; charset=utf-8", 500],
    ["text/plain", 401],
    ["application/octet-stream", 200],
    ["application/jsonp", 200],
  ])(
    "turns a %s answer (status %i) into the proxy's own 502 proxy/upstream-invalid, passing none of it",
    async (type, status) => {
      const proxy = proxyUnderTest(
        {},
        () =>
          new Response('<meta http-equiv="refresh" content="0; url=https://evil.example">', {
            status,
            headers: { "content-type": type },
          }),
      );
      const response = await proxy.call("/api/v1/instances");
      expect(response.status).toBe(502);
      expect(response.headers.get("content-type")).toBe("application/json");
      const text = await response.text();
      expect(text).not.toContain("refresh");
      expect(JSON.parse(text)).toMatchObject({ error: { code: "proxy/upstream-invalid" } });
      expect(proxy.logs[0]).toMatchObject({
        code: "proxy/upstream-invalid",
        detail: `upstream answered ${status} with content-type ${type}`,
      });
    },
  );

  it("turns an answer without a content type into 502 proxy/upstream-invalid", async () => {
    const proxy = proxyUnderTest({}, () => new Response(new TextEncoder().encode('{"data":[]}'), { status: 200 }));
    const response = await proxy.call("/api/v1/instances");
    expect(response.status).toBe(502);
    expect((await errorOf(response)).code).toBe("proxy/upstream-invalid");
  });

  it.each(["application/json", "application/json; charset=utf-8", "Application/JSON", "application/problem+json"])(
    "passes a %s answer as it is",
    async (type) => {
      const proxy = proxyUnderTest(
        {},
        () => new Response('{"data":[]}', { status: 200, headers: { "content-type": type } }),
      );
      const response = await proxy.call("/api/v1/instances");
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('{"data":[]}');
    },
  );

  it("refuses a JSON-labelled body that is not JSON, such as one the runtime left encoded (deflate in Deno and workerd)", async () => {
    const { deflateSync } = await import("node:zlib");
    const proxy = proxyUnderTest({}, (request) => {
      const echoed = JSON.stringify({ data: request.headers.get("authorization") });
      return new Response(deflateSync(echoed), {
        headers: { "content-type": "application/json", "content-encoding": "deflate" },
      });
    });
    const response = await proxy.call("/api/v1/instances");
    expect(response.status).toBe(502);
    expect((await errorOf(response)).code).toBe("proxy/upstream-invalid");
    expect(proxy.logs[0]?.detail).toBe("upstream answered 200 with a body that is not JSON");
  });

  it("passes a 204 without a content type", async () => {
    const proxy = proxyUnderTest({}, () => new Response(null, { status: 204 }));
    expect((await proxy.call("/api/v1/instances")).status).toBe(204);
  });
});

describe("upstream answer size, counted in decoded bytes", () => {
  it("answers 502 proxy/upstream-too-large to a body that declares a small length but keeps coming, and cancels it", async () => {
    const { body, state } = endlessBody();
    const proxy = proxyUnderTest(
      {},
      () => new Response(body, { headers: { "content-type": "application/json", "content-length": "300000" } }),
    );
    const response = await proxy.call("/api/v1/instances");
    expect(response.status).toBe(502);
    expect((await errorOf(response)).code).toBe("proxy/upstream-too-large");
    expect(state.cancelled).toBe(true);
    expect(state.pulled * 64 * 1024).toBeLessThanOrEqual(MAX_UPSTREAM_BODY_BYTES + 2 * 64 * 1024);
  });

  it("reads an encoded answer whole within the limit, whatever its length header, and refuses it past the limit", async () => {
    const { body, state } = endlessBody();
    const proxy = proxyUnderTest(
      {},
      () => new Response(body, { headers: { "content-type": "application/json", "content-encoding": "gzip" } }),
    );
    const response = await proxy.call("/api/v1/instances");
    expect(response.status).toBe(502);
    expect((await errorOf(response)).code).toBe("proxy/upstream-too-large");
    expect(state.cancelled).toBe(true);
  });

  it("refuses an answer that declares more than the limit without reading it", async () => {
    const { body, state } = endlessBody();
    const declared = String(MAX_UPSTREAM_BODY_BYTES + 1);
    const proxy = proxyUnderTest(
      {},
      () => new Response(body, { headers: { "content-type": "application/json", "content-length": declared } }),
    );
    const response = await proxy.call("/api/v1/instances");
    expect(response.status).toBe(502);
    expect((await errorOf(response)).code).toBe("proxy/upstream-too-large");
    expect(state.cancelled).toBe(true);
  });

  it("cuts off a streamed answer of unknown length past the limit and cancels the upstream body", async () => {
    const { body, state } = endlessBody();
    const proxy = proxyUnderTest({}, () => new Response(body, { headers: { "content-type": "application/json" } }));
    const response = await proxy.call("/api/v1/instances");
    expect(response.status).toBe(200);
    let received = 0;
    const reader = response.body!.getReader();
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        received += value.byteLength;
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RangeError);
    expect(received).toBeLessThanOrEqual(MAX_UPSTREAM_BODY_BYTES);
    await expect.poll(() => state.cancelled).toBe(true);
  });

  it("still passes an answer up to the buffered limit in one piece", async () => {
    const text = JSON.stringify({ data: "x".repeat(BUFFERED_BODY_LIMIT - 20) });
    const proxy = proxyUnderTest(
      {},
      () =>
        new Response(text, { headers: { "content-type": "application/json", "content-length": String(text.length) } }),
    );
    expect(await (await proxy.call("/api/v1/instances")).text()).toBe(text);
  });
});
