import { describe, expect, it, vi } from "vitest";
import type { KeyProvider } from "../../src/auth/key-provider.js";
import { fromBinding } from "../../src/auth/providers/binding.js";
import { cachedKey } from "../../src/auth/providers/cached.js";
import { apiError } from "../helpers/mock-api.js";
import { errorOf, proxyUnderTest, sentinel } from "./helpers.js";

describe("the proxy's key", () => {
  it("calls an apiKey function with the env of each request", async () => {
    const key = sentinel();
    const apiKey = vi.fn((env: unknown) => fromBinding(env as object));
    const proxy = proxyUnderTest({ apiKey });
    await proxy.call("/api/v1/instances", {}, { LAMBDA_API_KEY: key });
    expect(apiKey).toHaveBeenCalledWith({ LAMBDA_API_KEY: key });
    expect(proxy.upstream.requests[0]?.headers.get("authorization")).toBe(`Bearer ${key}`);
  });

  it("answers 503 proxy/key-unavailable naming the provider when the binding is missing", async () => {
    const proxy = proxyUnderTest({ apiKey: (env) => fromBinding(env as object) });
    const response = await proxy.call("/api/v1/instances", {}, {});
    expect(response.status).toBe(503);
    const error = await errorOf(response);
    expect(error.code).toBe("proxy/key-unavailable");
    expect(error.message).toBe("The proxy could not read its Lambda Cloud API key (from binding:LAMBDA_API_KEY).");
    expect(proxy.logs[0]?.detail).toContain("the Worker has no binding named LAMBDA_API_KEY");
    expect(proxy.upstream.requests).toHaveLength(0);
  });

  it("answers 503 when the apiKey function throws (e.g. no env outside Workers)", async () => {
    const proxy = proxyUnderTest({ apiKey: (env) => fromBinding(env as object) });
    const response = await proxy.call("/api/v1/instances");
    expect(response.status).toBe(503);
    expect((await errorOf(response)).message).toBe(
      "The proxy could not read its Lambda Cloud API key (from the apiKey function).",
    );
    expect(proxy.logs[0]?.detail).toBe("apiKey function threw TypeError");
  });

  it.each([
    ["a trailing newline", (key: string) => `${key}\n`],
    ["surrounding spaces", (key: string) => ` ${key} `],
    ["a non-ASCII quote", (key: string) => `\u201c${key}\u201d`],
    ["nothing", () => ""],
  ])("refuses a key with %s through readKey, without echoing it anywhere", async (_label, spoil) => {
    const key = sentinel();
    const provider: KeyProvider = { name: "vault", getKey: () => spoil(key) };
    const proxy = proxyUnderTest({ apiKey: provider });
    const response = await proxy.call("/api/v1/instances");
    expect(response.status).toBe(503);
    const text = (await response.text()) + JSON.stringify([...response.headers]) + JSON.stringify(proxy.logs);
    expect(text).toContain("vault");
    expect(text).not.toContain(key);
    expect(proxy.upstream.requests).toHaveLength(0);
  });

  it("invalidates the provider when the upstream answers 401, so a rotated key is read again", async () => {
    let current = sentinel();
    const load = vi.fn(async () => current);
    const provider = cachedKey({ name: "vault", getKey: load }, { ttlMs: Number.POSITIVE_INFINITY });
    const proxy = proxyUnderTest({ apiKey: provider }, (request) =>
      request.headers.get("authorization") === `Bearer ${current}`
        ? Response.json({ data: [] })
        : apiError(401, "global/invalid-api-key"),
    );
    expect((await proxy.call("/api/v1/instances")).status).toBe(200);
    current = sentinel();
    expect((await proxy.call("/api/v1/instances")).status).toBe(401);
    expect((await proxy.call("/api/v1/instances")).status).toBe(200);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
