import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowAll, errorOf, type ProxyUnderTest, proxyUnderTest } from "./helpers.js";
import { type RunningServer, sendRaw, serve } from "./node-server.js";

const LIMIT = 1024;
const launch = (body: BodyInit, headers: Record<string, string> = {}): RequestInit =>
  ({
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    duplex: "half",
  }) as RequestInit;

/** A body stream of `total` bytes in chunks of `chunk`, with no length known in advance; counts what was pulled. */
function streamedBody(total: number, chunk = 100): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(chunk, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  return { stream, pulled: () => sent };
}

describe("request body limit", () => {
  const writer = (): ProxyUnderTest =>
    proxyUnderTest({ allow: "read-write", authorize: allowAll, maxBodyBytes: LIMIT });

  it("refuses a streamed body without Content-Length once it passes the limit, and stops reading it", async () => {
    const proxy = writer();
    const body = streamedBody(100 * LIMIT);
    const response = await proxy.call("/api/v1/instance-operations/launch", launch(body.stream));
    expect(response.status).toBe(413);
    const error = await errorOf(response);
    expect(error.code).toBe("proxy/body-too-large");
    expect(error.message).toBe(`The request body is larger than this proxy accepts (${LIMIT} bytes).`);
    expect(body.pulled()).toBeLessThan(2 * LIMIT);
    expect(proxy.upstream.requests).toHaveLength(0);
    expect(proxy.logs[0]).toMatchObject({
      status: 413,
      code: "proxy/body-too-large",
      detail: "body over the limit while reading",
    });
  });

  it("refuses a body larger than its (lying) Content-Length says", async () => {
    const proxy = writer();
    const response = await proxy.call(
      "/api/v1/instance-operations/launch",
      launch(streamedBody(LIMIT + 1).stream, { "content-length": "10" }),
    );
    expect(response.status).toBe(413);
    expect(proxy.upstream.requests).toHaveLength(0);
  });

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const proxy = writer();
    const body = streamedBody(10 * LIMIT);
    const response = await proxy.call(
      "/api/v1/instance-operations/launch",
      launch(body.stream, { "content-length": String(10 * LIMIT) }),
    );
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(100);
    expect(proxy.logs[0]?.detail).toBe("Content-Length over the limit");
  });

  it("forwards a body of exactly the limit byte for byte", async () => {
    const proxy = writer();
    const name = "é".repeat(506); // two bytes each in UTF-8
    const text = `{"name":"${name}"} `;
    expect(new TextEncoder().encode(text).byteLength).toBe(LIMIT);
    const response = await proxy.call("/api/v1/instance-operations/launch", launch(text));
    expect(response.status).toBe(200);
    expect(proxy.upstream.requests[0]?.body).toEqual({ name });
  });

  it("forwards a body whose declared Content-Length is exactly the limit, and refuses one byte more by the declaration alone", async () => {
    const exact = `{"name":"${"k".repeat(LIMIT - 11)}"}`;
    expect(exact.length).toBe(LIMIT);
    const atLimit = writer();
    const accepted = await atLimit.call(
      "/api/v1/instance-operations/launch",
      launch(exact, { "content-length": String(LIMIT) }),
    );
    expect(accepted.status).toBe(200);
    expect(atLimit.upstream.requests[0]?.body).toEqual(JSON.parse(exact));

    const overLimit = writer();
    const body = streamedBody(LIMIT + 1);
    const refused = await overLimit.call(
      "/api/v1/instance-operations/launch",
      launch(body.stream, { "content-length": String(LIMIT + 1) }),
    );
    expect(refused.status).toBe(413);
    expect(overLimit.logs[0]?.detail).toBe("Content-Length over the limit");
    expect(body.pulled()).toBeLessThanOrEqual(100);
    expect(overLimit.upstream.requests).toHaveLength(0);
  });

  it("accepts the 2 MiB default: a launch with a large user_data goes through", async () => {
    const proxy = proxyUnderTest({ allow: "read-write", authorize: allowAll });
    const userData = `#cloud-config\n${"x".repeat(2 * 1024 * 1024 - 1024)}`;
    const response = await proxy.call(
      "/api/v1/instance-operations/launch",
      launch(JSON.stringify({ user_data: userData })),
    );
    expect(response.status).toBe(200);
    const oneByteTooMany = new Uint8Array(2 * 1024 * 1024 + 1);
    expect((await proxy.call("/api/v1/instance-operations/launch", launch(oneByteTooMany))).status).toBe(413);
  });

  it("never forwards a body sent to an operation that takes none", async () => {
    const proxy = writer();
    const response = await proxy.call("/api/v1/ssh-keys/0920582c7ff041399e34823a0be62549", {
      method: "DELETE",
      body: "smuggled",
    });
    expect(response.status).toBe(200);
    expect(proxy.upstream.requests[0]?.body).toBeUndefined();
  });
});

describe("request body limit over real HTTP (toNodeListener)", () => {
  let proxy: ProxyUnderTest;
  let server: RunningServer;
  beforeAll(async () => {
    proxy = proxyUnderTest({ allow: "read-write", authorize: allowAll, maxBodyBytes: LIMIT });
    server = await serve(proxy.handle);
  });
  afterAll(() => server.close());

  it("answers 413 to a chunked upload over the limit", async () => {
    const chunk = "a".repeat(600);
    const chunked = `258\r\n${chunk}\r\n258\r\n${chunk}\r\n0\r\n\r\n`;
    const answer = await sendRaw(
      server.port,
      "POST /api/v1/instance-operations/launch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
      chunked,
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe("proxy/body-too-large");
    expect(proxy.upstream.requests).toHaveLength(0);
  });

  it("forwards a chunked upload under the limit", async () => {
    const answer = await sendRaw(
      server.port,
      "POST /api/v1/ssh-keys HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
      `c\r\n{"name":"k"}\r\n0\r\n\r\n`,
    );
    expect(answer.status).toBe(200);
    expect(proxy.upstream.requests.at(-1)?.body).toEqual({ name: "k" });
  });
});
