// The one Node adapter (src/internal/node-listener.ts) that the proxy's toNodeListener and the
// simulator's serve() both use, over a real node:http server on 127.0.0.1.
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createNodeListener, type NodeRequestContext } from "../../src/internal/node-listener.js";
import { sendRaw } from "../proxy/node-server.js";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

const unreadable = () => new Response("unreadable", { status: 400 });

/** Serves `handler` through the adapter on a free port. */
async function listen(
  handler: (request: Request, context: NodeRequestContext) => Promise<Response>,
  fallbackHost?: string,
  requestBody?: "stream" | "whole",
): Promise<number> {
  server = createServer(createNodeListener(handler, { unreadable, fallbackHost, requestBody }));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}

/**
 * Sends a POST with `body` from a raw socket, waits until the handler has the request, then drops
 * the connection and waits until the server saw it close; resolves with what the handler saw
 * after that.
 */
async function disconnectDuringHandler(
  requestBody: "stream" | "whole",
  body: string,
): Promise<{ aborted: boolean; text: string }> {
  let handlerStarted!: () => void;
  const started = new Promise<void>((resolve) => (handlerStarted = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let seen!: (value: { aborted: boolean; text: string }) => void;
  const result = new Promise<{ aborted: boolean; text: string }>((resolve) => (seen = resolve));
  const port = await listen(
    async (request) => {
      handlerStarted();
      await released;
      const text = await request.text().catch((error: Error) => `unreadable: ${error.message}`);
      seen({ aborted: request.signal.aborted, text });
      return new Response(null, { status: 204 });
    },
    undefined,
    requestBody,
  );
  const serverSideClosed = new Promise<void>((resolve) =>
    server?.once("connection", (socket) => socket.once("close", () => resolve())),
  );
  const socket = connect(port, "127.0.0.1", () =>
    socket.write(
      `POST /launch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    ),
  );
  socket.on("error", () => undefined);
  await started;
  socket.destroy();
  await serverSideClosed;
  release();
  return result;
}

describe("createNodeListener", () => {
  it('with requestBody "whole", runs a request to its end after its client disconnected, with its whole body', async () => {
    expect(await disconnectDuringHandler("whole", '{"name":"launched-anyway"}')).toEqual({
      aborted: false,
      text: '{"name":"launched-anyway"}',
    });
  });

  it("by default, aborts request.signal when the client disconnects (a proxy stops its upstream request)", async () => {
    expect((await disconnectDuringHandler("stream", '{"name":"x"}')).aborted).toBe(true);
  });

  it("passes the method, URL, headers and body to the handler, and writes its status, headers and body back", async () => {
    const port = await listen(async (request) =>
      Response.json(
        {
          method: request.method,
          url: request.url,
          type: request.headers.get("content-type"),
          body: await request.text(),
        },
        { status: 201, headers: { "x-seen": "yes" } },
      ),
    );
    const body = "x".repeat(300_000);
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/ssh-keys?a=1`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body,
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-seen")).toBe("yes");
    expect(await response.json()).toEqual({
      method: "POST",
      url: `http://127.0.0.1:${port}/api/v1/ssh-keys?a=1`,
      type: "text/plain",
      body,
    });
  });

  it("gives the handler the raw target and the socket's address", async () => {
    let seen: NodeRequestContext | undefined;
    const port = await listen(async (_request, context) => {
      seen = context;
      return new Response(null, { status: 204 });
    });
    const answer = await sendRaw(port, "GET /api/v1/../v1/instances HTTP/1.1\r\nHost: 127.0.0.1");
    expect(answer.status).toBe(204);
    expect(seen).toEqual({ target: "/api/v1/../v1/instances", clientAddress: "127.0.0.1" });
  });

  it("answers a request fetch's Request refuses (TRACE) with setup.unreadable(), and keeps serving", async () => {
    const port = await listen(async () => new Response("fine"));
    const refused = await sendRaw(port, "TRACE /api/v1/instances HTTP/1.1\r\nHost: 127.0.0.1");
    expect(refused.status).toBe(400);
    expect(refused.body).toBe("unreadable");
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe("fine");
  });

  it("drops the connection when the handler rejects, and keeps serving", async () => {
    let calls = 0;
    const port = await listen(async () => {
      calls += 1;
      if (calls === 1) throw new Error("drop it");
      return new Response("fine");
    });
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toBeInstanceOf(TypeError);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe("fine");
  });

  it("uses the fallback host in the URL when the Host header is missing or malformed", async () => {
    const urls: string[] = [];
    const port = await listen(async (request) => {
      urls.push(request.url);
      return new Response(null, { status: 204 });
    }, "127.0.0.1:9999");
    await sendRaw(port, "GET /a HTTP/1.0");
    await sendRaw(port, "GET /b HTTP/1.1\r\nHost: bad host!");
    expect(urls).toEqual(["http://127.0.0.1:9999/a", "http://127.0.0.1:9999/b"]);
  });
});
