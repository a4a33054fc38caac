import { describe, expect, it } from "vitest";
import { checkHost } from "../../src/proxy/index.js";

const withHost = (host: string) => new Request("http://127.0.0.1/api/v1/instances", { headers: { host } });

describe("checkHost", () => {
  it.each([
    "127.0.0.1:8787",
    "127.0.0.1",
    "10.0.0.5:80",
    "[::1]:8787",
    "[::1]",
    "localhost:8787",
    "LOCALHOST",
    "dash.internal:8787",
    "Dash.Internal",
  ])("answers nothing (lets the request through) for Host %s", (host) => {
    expect(checkHost(withHost(host), ["dash.internal"])).toBeUndefined();
  });

  it.each([
    "rebind.attacker.example:8787",
    "localhost.attacker.example",
    "127.0.0.1.nip.io:8787",
    "dash.internal.attacker.example",
    "evil.example/x@",
    "",
  ])("answers 421 proxy/host-not-allowed, with the proxy's headers, for Host %j", async (host) => {
    const answer = checkHost(withHost(host), ["dash.internal"]);
    expect(answer?.status).toBe(421);
    expect(answer?.headers.get("cache-control")).toBe("no-store");
    expect(((await answer!.json()) as { error: { code: string; request_id: string } }).error).toMatchObject({
      code: "proxy/host-not-allowed",
      request_id: expect.any(String),
    });
  });

  it.each(["my-dash.me.workers.dev", "my-dash.me.workers.dev:443", "A.Workers.Dev"])(
    'lets a name below a ".workers.dev" entry through: %s',
    (host) => {
      expect(checkHost(withHost(host), [".workers.dev"])).toBeUndefined();
    },
  );

  it.each([
    "workers.dev",
    "workers.dev.attacker.example",
    "evilworkers.dev",
    "my-dash.workers.dev.attacker.example:8787",
  ])('does not let %s through on a ".workers.dev" entry', (host) => {
    expect(checkHost(withHost(host), [".workers.dev"])?.status).toBe(421);
  });

  it("says what to do in the caller's words when given a suggestion, and in its own otherwise", async () => {
    const suggestion = "Add the name to ALLOWED_HOSTS.";
    const advised = (await checkHost(withHost("rebind.attacker.example"), [], { suggestion })!.json()) as {
      error: { suggestion: string };
    };
    expect(advised.error.suggestion).toBe(suggestion);
    const plain = (await checkHost(withHost("rebind.attacker.example"))!.json()) as { error: { suggestion: string } };
    expect(plain.error.suggestion).toContain("hosts option");
  });
});
