import { describe, expect, it } from "vitest";
import { createSimulator } from "../../src/testing/index";
import { harness, raw } from "./helpers";

describe("routing and envelopes", () => {
  it("every success is {data: …}", async () => {
    const { sim, key } = harness();
    const body = await (await raw(sim, "/regions", { key })).json();
    expect(Object.keys(body)).toEqual(["data"]);
  });

  it("audit events carry page_token next to data, at the top level", async () => {
    const { sim, key } = harness();
    expect(await (await raw(sim, "/audit-events", { key })).json()).toEqual({ data: [], page_token: null });
  });

  it("an unknown path answers 404 in the error envelope", async () => {
    const { sim, key } = harness();
    const response = await raw(sim, "/gpus", { key });
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({
      code: "global/not-found",
      message: expect.any(String),
      suggestion: expect.any(String),
      request_id: expect.any(String),
    });
  });

  it("a malformed path parameter answers 404 (no operation has such a path)", async () => {
    const { sim, key } = harness();
    expect((await raw(sim, "/instances/not-hex", { key })).status).toBe(404);
  });

  it("a known path with the wrong method answers 405 with Allow", async () => {
    const { sim, key } = harness();
    const response = await raw(sim, "/regions", { method: "DELETE", key });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
  });

  it("a bad body answers 400 global/invalid-parameters listing every problem", async () => {
    const { sim, key } = harness();
    const response = await raw(sim, "/filesystems", {
      method: "POST",
      key,
      body: JSON.stringify({ name: "1bad", extra: true }),
    });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("global/invalid-parameters");
    for (const field of ["name", "region", "extra"]) expect(error.message).toContain(field);
    const notJson = await raw(sim, "/filesystems", { method: "POST", key, body: "{" });
    expect((await notJson.json()).error.message).toContain("not valid JSON");
  });

  it("a bad query answers 400 global/invalid-parameters", async () => {
    const { sim, key } = harness();
    const response = await raw(sim, "/audit-events?start=yesterday&colour=red", { key });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.message).toContain("start");
    expect(error.message).toContain("colour");
  });

  it("a configurable base path is stripped before matching; other paths are 404", async () => {
    const sim = createSimulator({ apiKeys: ["k"], basePath: "/lambda" });
    const ok = await sim.fetch("http://x/lambda/regions", { headers: { authorization: "Bearer k" } });
    expect(ok.status).toBe(200);
    expect((await sim.fetch("http://x/api/v1/regions", { headers: { authorization: "Bearer k" } })).status).toBe(404);
  });

  it("bad options are named when the simulator is created", () => {
    expect(() => createSimulator({ bootMs: -1 })).toThrow(/bootMs/);
    expect(() => createSimulator({ clock: "slow" as never })).toThrow(/clock/);
    expect(() => createSimulator({ apiKeys: [] })).toThrow(/apiKeys/);
  });
});
