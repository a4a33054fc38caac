// @vitest-environment happy-dom
// The live instance list (examples/worker/dashboard/live-instances.ts) against a real HTTP server
// on 127.0.0.1, the page's own origin (happy-dom's fetch, which enforces CORS as a browser does):
// it sends the dashboard token, reads `instances` events as they arrive (ignoring other events
// and invalid data), and says why it stopped: 404 (no gateway), another status, or a stream
// that closed. The gateway's side is not built yet, so this server speaks the contract's format.
import { afterEach, describe, expect, it } from "vitest";
import { rememberToken } from "../../examples/worker/dashboard/credentials";
import { followLiveInstances, INSTANCES_EVENT } from "../../examples/worker/dashboard/live-instances";
import { LIVE_INSTANCES_PATH } from "../../src/proxy/gateway/contract";
import { type PageOrigin, servePageOrigin } from "./page-origin";
import { simulatedAccount } from "./simulated-account";

let origin: PageOrigin | undefined;
const serve = async (handler: Parameters<typeof servePageOrigin>[0]) => {
  origin = await servePageOrigin(handler);
};

afterEach(async () => {
  await origin?.close();
  sessionStorage.clear();
});

describe("the live instance list", () => {
  it("sends the token, delivers each valid instances event as it arrives, and ends when the stream closes", async () => {
    const { simulator, client } = simulatedAccount();
    simulator.state.addSSHKey({ name: "laptop" });
    simulator.state.setCapacity("gpu_1x_a10", "us-west-1", 1);
    simulator.state.launchInstance({
      name: "one",
      instance_type_name: "gpu_1x_a10",
      region_name: "us-west-1",
      ssh_key_names: ["laptop"],
    });
    const instances = await client.instances.list();
    const token = `token-${crypto.randomUUID()}`;
    rememberToken(token);
    let authorization: string | undefined;
    let path: string | undefined;
    let next: (() => void) | undefined;
    await serve((request, response) => {
      authorization = request.headers.authorization;
      path = request.url;
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(
        `: connected\n\nevent: ${INSTANCES_EVENT}\ndata: ${JSON.stringify({ data: instances, age_ms: 1200 })}\n\n`,
      );
      // The second batch waits until the first was delivered: the feed reads as it arrives.
      next = () => {
        response.write("event: other\ndata: {}\n\n");
        response.write(`event: ${INSTANCES_EVENT}\ndata: not json\n\n`);
        response.write(`event: ${INSTANCES_EVENT}\ndata: ${JSON.stringify({ data: [], age_ms: 0 })}\n\n`);
        response.end();
      };
    });
    const received: [number, number][] = [];
    const end = await followLiveInstances((list, ageMs) => {
      received.push([list.length, ageMs]);
      if (received.length === 1) next?.();
    }, new AbortController().signal);

    expect(path).toBe(LIVE_INSTANCES_PATH);
    expect(authorization).toBe(`Bearer ${token}`);
    expect(received).toEqual([
      [1, 1200],
      [0, 0],
    ]);
    expect(end).toBe("ended");
  });

  it("says not-deployed when the Worker answers 404, and refused for another status", async () => {
    let status = 404;
    await serve((_request, response) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end("{}");
    });
    const signal = new AbortController().signal;
    expect(await followLiveInstances(() => undefined, signal)).toBe("not-deployed");
    status = 401;
    expect(await followLiveInstances(() => undefined, signal)).toBe("refused");
  });

  it("ends when the connection drops mid-stream", async () => {
    await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(": hello\n\n");
      setImmediate(() => response.socket?.destroy());
    });
    expect(await followLiveInstances(() => undefined, new AbortController().signal)).toBe("ended");
  });
});
