// The User-Agent header: sent by Node, Deno, Bun and Workers, never from a browser (where a
// script may not set it, and a preflight would have to allow it), whatever the options say.
import { afterEach, describe, expect, it, vi } from "vitest";
import { VERSION } from "../../src/index.js";
import { clientFor, createMockApi, ok } from "../helpers/mock-api.js";

const BROWSER_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

afterEach(() => vi.unstubAllGlobals());

/** The User-Agent headers of one call by a client with `userAgent` set as given. */
async function userAgentSent(userAgent?: string): Promise<string | null> {
  const api = createMockApi(() => ok([]));
  await clientFor(api, userAgent === undefined ? {} : { userAgent }).regions.list();
  return api.requests[0]?.headers.get("user-agent") ?? null;
}

describe("User-Agent", () => {
  it("is lambda-cloud/<version> outside browsers, or the one given", async () => {
    expect(await userAgentSent()).toBe(`lambda-cloud/${VERSION}`);
    expect(await userAgentSent("ops-bot/2")).toBe("ops-bot/2");
  });

  it("is never sent from a browser, not even when the options give one", async () => {
    vi.stubGlobal("navigator", { userAgent: BROWSER_USER_AGENT });
    expect(await userAgentSent()).toBeNull();
    expect(await userAgentSent("ops-bot/2")).toBeNull();
  });
});
