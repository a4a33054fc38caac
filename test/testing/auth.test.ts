import { describe, expect, it } from "vitest";
import { AuthenticationError, LambdaCloudClient } from "../../src/index";
import { createSimulator, DEFAULT_SIMULATOR_API_KEY } from "../../src/testing/index";
import { BASE_URL, harness, leaks, raw } from "./helpers";

describe("authentication", () => {
  it("accepts the key as Bearer and as Basic (base64 of 'key:') through the client", async () => {
    const { sim, key } = harness();
    for (const authScheme of ["bearer", "basic"] as const) {
      const client = new LambdaCloudClient({
        apiKey: key,
        fetch: sim.fetch,
        baseUrl: BASE_URL,
        rateLimit: false,
        authScheme,
      });
      expect((await client.regions.list()).length).toBeGreaterThan(0);
    }
  });

  it("accepts the raw 'Basic <key>' form the spec also lists", async () => {
    const { sim, key } = harness();
    expect((await raw(sim, "/regions", { headers: { authorization: `Basic ${key}` } })).status).toBe(200);
  });

  it("a missing key answers 401 global/invalid-api-key 'No API key was provided.'", async () => {
    const { sim } = harness();
    const response = await raw(sim, "/instances");
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatchObject({
      code: "global/invalid-api-key",
      message: "No API key was provided.",
      request_id: expect.any(String),
    });
  });

  it("a wrong key answers 401 global/invalid-api-key 'API key was invalid, expired, or deleted.' without echoing the key", async () => {
    const { sim } = harness();
    const wrong = `lc-sentinel-${crypto.randomUUID()}`;
    const client = new LambdaCloudClient({
      apiKey: wrong,
      fetch: sim.fetch,
      baseUrl: BASE_URL,
      rateLimit: false,
      maxRetries: 0,
    });
    const error = await client.instances.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "global/invalid-api-key" });
    expect((error as Error).message).toContain("API key was invalid, expired, or deleted.");
    const body = await (await raw(sim, "/instances", { key: wrong })).text();
    expect(leaks(body, wrong)).toBe(false);
  });

  it("every configured key works, and the default key is sim-key", async () => {
    const sim = createSimulator({ apiKeys: ["one", "two"] });
    expect((await raw(sim, "/regions", { key: "two" })).status).toBe(200);
    expect((await raw(createSimulator(), "/regions", { key: DEFAULT_SIMULATOR_API_KEY })).status).toBe(200);
    expect(DEFAULT_SIMULATOR_API_KEY).toBe("sim-key");
  });
});
