import { describe, expect, it } from "vitest";
import { inMemoryKey } from "../../src/auth/providers/in-memory.js";
import { createLambdaProxy, type LambdaProxyOptions } from "../../src/proxy/index.js";
import { allowAll } from "./helpers.js";

const apiKey = inMemoryKey("k");
const create = (options: Partial<LambdaProxyOptions>) => () =>
  createLambdaProxy({ apiKey, log: false, ...options } as LambdaProxyOptions);

describe("createLambdaProxy options", () => {
  it("creates a read-only proxy from a key provider alone", () => {
    expect(typeof createLambdaProxy({ apiKey })).toBe("function");
  });

  it.each([
    ["read-write", { allow: "read-write" as const }],
    ["a list with a write", { allow: ["listInstances", "launchInstance"] as const }],
    ["a list with a destructive operation", { allow: ["terminateInstance"] as const }],
  ])("refuses %s without authorize, at creation", (_label, options) => {
    expect(create(options)).toThrow(
      new TypeError(
        "The proxy allows operations beyond reads but has no authorize function: anyone could change your account. " +
          'Pass authorize (e.g. a token or Cloudflare Access check), or set allow: "read".',
      ),
    );
    expect(create({ ...options, authorize: allowAll })).not.toThrow();
  });

  it("accepts a list of read operations without authorize", () => {
    expect(create({ allow: ["listInstances", "listInstanceTypes"] })).not.toThrow();
  });

  it.each([
    [
      "an unknown operation id",
      { allow: ["listInstances", "dropDatabase"] },
      /allow lists "dropDatabase", which is not an operation id\. Known ids: listInstances, /,
    ],
    ["an inherited property name", { allow: ["toString"] }, /allow lists "toString"/],
    ["another string", { allow: "write" }, /allow must be "read", "read-write", or a list of operation ids/],
    [
      "a bare string key",
      { apiKey: "secret-key-value" },
      /apiKey must be a KeyProvider .* wrap it with inMemoryKey\(key\)/,
    ],
    ["a missing key", { apiKey: undefined }, /apiKey must be a KeyProvider/],
    ["an upstream that is not a URL", { upstream: "cloud.lambda.ai" }, /upstream must be an absolute http\(s\) URL/],
    ["an upstream with a query", { upstream: "https://cloud.lambda.ai/api/v1?x=1" }, /without query/],
    ["an upstream with credentials", { upstream: "https://user:pw@cloud.lambda.ai/api/v1" }, /credentials/],
    ["an upstream on another scheme", { upstream: "file:///etc" }, /http\(s\)/],
    [
      "a plain-http upstream off loopback",
      { upstream: "http://cloud.lambda.ai/api/v1" },
      /plain http: the API key would cross the network in clear text/,
    ],
    [
      "a plain-http upstream on a private address",
      { upstream: "http://10.0.0.5:8788/api/v1" },
      /Use https, or http only for a loopback address/,
    ],
    ["a trust option that is not an object", { trust: "cloudflare" }, /trust must be an object/],
    [
      "a trusted client-address header that is not a header name",
      { trust: { clientAddressHeader: "x y" } },
      /trust\.clientAddressHeader must be a header name/,
    ],
    ["a base path without a leading slash", { basePath: "api/v1" }, /basePath must be a path such as "\/api\/v1"/],
    ["a base path with a dot segment", { basePath: "/api/../v1" }, /basePath must be a path/],
    ["a base path with encoding", { basePath: "/api%2fv1" }, /basePath must be a path/],
    ["a negative body limit", { maxBodyBytes: -1 }, /maxBodyBytes must be a whole number of bytes/],
    ["a fractional body limit", { maxBodyBytes: 1.5 }, /maxBodyBytes/],
    [
      "a rate limit that is neither a binding nor a function",
      { rateLimit: { max: 10 } },
      /rateLimit must be a Workers Rate Limiting binding/,
    ],
    ["an authorize that is not a function", { authorize: true }, /authorize must be a function/],
    ["a fetch that is not a function", { fetch: "https://x" }, /fetch must be a fetch function/],
    ["a log that is neither false nor a function", { log: "json" }, /log must be false/],
  ])("refuses %s with a TypeError that says what to do", (_label, options, message) => {
    expect(create(options as Partial<LambdaProxyOptions>)).toThrow(TypeError);
    expect(create(options as Partial<LambdaProxyOptions>)).toThrow(message);
  });

  it.each([
    "http://127.0.0.1:8788/api/v1",
    "http://127.1.2.3/api/v1",
    "http://localhost:8788/api/v1",
    "http://[::1]:8788/api/v1",
  ])("accepts the plain-http loopback upstream %s (a local simulator)", (upstream) => {
    expect(create({ upstream })).not.toThrow();
  });

  it("never echoes a bare string key in its error", () => {
    const key = `lc-sentinel-${crypto.randomUUID()}`;
    expect(create({ apiKey: key as never })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(key) }),
    );
  });
});
