import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { LambdaCloudClient } from "../../src/index.js";
import { clientFor, createMockApi, sentinelKey } from "../helpers/mock-api.js";

/** Everything about an error that a user or a logger could print. */
function everythingPrintable(error: unknown): string {
  const e = error as Error & Record<string, unknown>;
  const headers = e.headers instanceof Headers ? JSON.stringify([...e.headers]) : "";
  return [
    String(e),
    e.stack,
    inspect(e, { depth: 10 }),
    JSON.stringify(e),
    headers,
    JSON.stringify(e.data ?? null),
  ].join("\n");
}

describe("the API key never leaks", () => {
  it("is absent from errors even when the server echoes it in the body, the headers and the message", async () => {
    const key = sentinelKey();
    const basic = btoa(`${key}:`);
    const echoes = [
      () =>
        Response.json(
          { error: { code: "global/invalid-parameters", message: `bad key ${key}`, suggestion: `use ${basic}` } },
          { status: 400, headers: { "x-echo": `Bearer ${key}` } },
        ),
      () =>
        new Response(`<html>Authorization: Bearer ${key}</html>`, {
          status: 502,
          headers: { "content-type": "text/html" },
        }),
      () => new Response(`{"error": "${key}`, { status: 500, headers: { "content-type": "application/json" } }),
      () => Response.json({ data: [{ leaked: key }] }),
      () => Object.assign(new Error(`connect failed with header ${key}`), { code: "ECONNRESET" }),
    ];
    for (const [index, answer] of echoes.entries()) {
      const api = createMockApi(() => answer());
      const client = clientFor(api, { apiKey: key, maxRetries: 0 });
      const error = await (index === 3 ? client.instances.list() : client.regions.list()).catch((e: unknown) => e);
      expect(error, `case ${index}`).toBeInstanceOf(Error);
      const printed = everythingPrintable(error);
      expect(printed, `case ${index}`).not.toContain(key);
      expect(printed, `case ${index}`).not.toContain(basic);
      expect(printed, `case ${index}`).toContain("[redacted]");
    }
  });

  it("is absent from JSON.stringify, util.inspect and String of the client", () => {
    const key = sentinelKey();
    const client = new LambdaCloudClient({ apiKey: key });
    for (const printed of [
      JSON.stringify(client),
      inspect(client, { depth: 10, showHidden: true }),
      String(client),
      inspect(client.instances, { depth: 10 }),
    ]) {
      expect(printed).not.toContain(key);
    }
    expect(JSON.stringify(client)).toContain("apiKey option");
  });

  it("is absent from a 401's AuthenticationError, which names the provider", async () => {
    const key = sentinelKey();
    const api = createMockApi(() =>
      Response.json(
        { error: { code: "global/invalid-api-key", message: "API key was invalid, expired, or deleted." } },
        { status: 401 },
      ),
    );
    const error = (await clientFor(api, { apiKey: key })
      .regions.list()
      .catch((e: unknown) => e)) as Error;
    expect(error.name).toBe("AuthenticationError");
    expect(error.message).toContain("apiKey option");
    expect(everythingPrintable(error)).not.toContain(key);
  });
});
