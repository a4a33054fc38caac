// DNS rebinding against the sample Worker: a page on rebind.attacker.example whose name now
// resolves to 127.0.0.1 (where `wrangler dev` listens) calls /api/* with its own Host and a
// matching Origin. The Worker answers only to IP addresses, localhost, *.workers.dev and
// ALLOWED_HOSTS (here dashboard.example.com); the same-origin check then trusts that Host.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { upstreamReceived, withToken } from "./helpers";

/** A same-origin request as a page on `origin` sends it: its URL (and so its Host) and its Origin name the same site. */
function fromPageOn(origin: string, path: string): Promise<Response> {
  return exports.default.fetch(new Request(`${origin}${path}`, { headers: { origin, ...withToken() } }));
}

describe("a Host the Worker does not answer to", () => {
  it.each([
    "http://rebind.attacker.example:8787",
    "https://workers.dev.attacker.example",
    "http://localhost.attacker.example:8787",
  ])(
    "gets 421 proxy/host-not-allowed on %s, naming ALLOWED_HOSTS, and nothing reaches the upstream",
    async (origin) => {
      for (const path of ["/api/v1/instances", "/api/session"]) {
        const answer = await fromPageOn(origin, path);
        expect(answer.status, path).toBe(421);
        const { error } = (await answer.json()) as { error: { code: string; suggestion: string; request_id: string } };
        expect(error).toMatchObject({ code: "proxy/host-not-allowed", request_id: expect.any(String) });
        expect(error.suggestion).toContain("ALLOWED_HOSTS");
      }
      expect(await upstreamReceived()).toEqual([]);
    },
  );

  it("is refused in the Host header too, whatever the URL says", async () => {
    const answer = await exports.default.fetch(
      new Request("http://127.0.0.1:8787/api/v1/instances", {
        headers: {
          host: "rebind.attacker.example:8787",
          origin: "http://rebind.attacker.example:8787",
          ...withToken(),
        },
      }),
    );
    expect(answer.status).toBe(421);
    expect(await upstreamReceived()).toEqual([]);
  });
});

describe("a Host the Worker answers to", () => {
  it.each([
    "https://dashboard.example.com",
    "https://lambda-dash.me.workers.dev",
    "http://127.0.0.1:8787",
    "http://localhost:8787",
    "http://[::1]:8787",
  ])("serves a same-origin read on %s (its Origin is the Worker's own)", async (origin) => {
    const answer = await fromPageOn(origin, "/api/v1/instances");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
    expect((await upstreamReceived()).map((received) => received.path)).toEqual(["/api/v1/instances"]);
  });

  it("still refuses another site's Origin on it", async () => {
    const answer = await exports.default.fetch(
      new Request("https://lambda-dash.me.workers.dev/api/v1/instances", {
        headers: { origin: "https://rebind.attacker.example", ...withToken() },
      }),
    );
    expect(answer.status).toBe(403);
    expect(await upstreamReceived()).toEqual([]);
  });
});
