// The watches' webhook, against a real HTTP server on 127.0.0.1: what it posts, what it records
// for a refusal or an unreachable URL, and which URLs it refuses to use.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { postToWebhook, type Watch, type WatchWebhookBody } from "../../../src/proxy/index.js";

const servers: ReturnType<typeof createServer>[] = [];
async function closeServers(): Promise<void> {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
afterEach(closeServers);

/** A server answering `status` and keeping each request's method, content type and body. */
async function hook(
  status: number,
): Promise<{ url: string; received: { method: string; type: string; body: string }[] }> {
  const received: { method: string; type: string; body: string }[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    received.push({ method: request.method ?? "", type: request.headers["content-type"] ?? "", body });
    response.writeHead(status).end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

const watch = { id: "w-1", state: "launched", instance_id: "i-1", spec: { name: "found" } } as unknown as Watch;

describe("postToWebhook", () => {
  it("posts the ended watch as JSON, with its event, and says it was sent", async () => {
    const { url, received } = await hook(204);
    expect(await postToWebhook(url)(watch)).toBe("sent (204)");
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: "POST", type: "application/json" });
    expect(JSON.parse(received[0]!.body) as WatchWebhookBody).toEqual({ event: "watch.launched", watch });
  });

  it("records a refusal and an unreachable hook, without throwing", async () => {
    const { url } = await hook(500);
    expect(await postToWebhook(url)(watch)).toBe("refused (500)");
    const { url: closed } = await hook(204);
    await closeServers();
    expect(await postToWebhook(closed)(watch)).toMatch(/^not sent \(\w+\)$/);
  });

  it.each(["http://hooks.example.com/x", "ftp://127.0.0.1/x", "not a url"])(
    "refuses %s, naming what it needs",
    (url) => {
      expect(() => postToWebhook(url)).toThrow(/must be (an https URL|a URL)/);
    },
  );
});
