// The client never follows a redirect (the API never sends one): a 3xx, or a browser's
// opaqueredirect, becomes a RedirectError naming only the Location's origin.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LambdaCloudClient, RedirectError } from "../../src/index.js";
import { type HostileUpstream, startHostileUpstream } from "../helpers/hostile-upstream.js";
import { clientFor, createMockApi } from "../helpers/mock-api.js";
import { A10_LAUNCH } from "../helpers/payloads.js";

const launch = A10_LAUNCH;

let upstream: HostileUpstream;
beforeAll(async () => {
  upstream = await startHostileUpstream();
});
afterAll(() => upstream.close());

describe("redirects", () => {
  it("a 307 on launch replays nothing to the other host and throws RedirectError with the Location's origin only", async () => {
    const baseUrl = upstream.baseUrl({ channel: "redirect", status: 307 });
    const client = new LambdaCloudClient({ apiKey: upstream.key, baseUrl, rateLimit: false });
    const before = upstream.requests.length;
    const error = await client.instances.launch(launch).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RedirectError);
    const redirect = error as RedirectError;
    const target = `http://localhost:${new URL(upstream.origin).port}`;
    expect(redirect.status).toBe(307);
    expect(redirect.location).toBe(target);
    expect(redirect.message).toContain(`307, a redirect to ${target}.`);
    expect(redirect.message).toContain("did not follow it and sent nothing there");
    expect(redirect.message).not.toContain("/landed");
    expect(redirect.message).not.toContain("api_key");
    expect(redirect.headers.has("location")).toBe(false);
    // One POST reached the upstream; nothing reached the Location (another origin on the same server).
    expect(upstream.requests.slice(before).map((request) => request.method)).toEqual(["POST"]);
    expect(upstream.landed()).toEqual([]);
  });

  it("a browser's opaqueredirect (redirect: manual) becomes a RedirectError without a location", async () => {
    const opaque = () => {
      const response = new Response(null, { status: 200 });
      for (const [field, value] of Object.entries({ type: "opaqueredirect", status: 0, ok: false, statusText: "" })) {
        Object.defineProperty(response, field, { value });
      }
      return response;
    };
    const api = createMockApi(() => opaque());
    const error = await clientFor(api)
      .instances.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as RedirectError).location).toBeUndefined();
    expect((error as Error).message).toContain("answered a redirect.");
  });

  it("asks fetch not to follow redirects", async () => {
    const api = createMockApi(() => Response.json({ data: [] }));
    const seen: RequestRedirect[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      seen.push(new Request(input, init).redirect);
      return api.fetch(input, init);
    };
    await clientFor(api, { fetch }).instances.list();
    expect(seen).toEqual(["manual"]);
  });

  it("names a relative Location as a path on the same server", async () => {
    const api = createMockApi(
      () => new Response(null, { status: 302, headers: { location: "/elsewhere?token=t0k3n" } }),
    );
    const error = (await clientFor(api)
      .instances.list()
      .catch((e: unknown) => e)) as RedirectError;
    expect(error.location).toBe("a path on the same server");
    expect(error.message).not.toContain("t0k3n");
  });
});
