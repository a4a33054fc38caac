// The constructor checks its options and throws a typed ConfigurationError that names the
// option and says what it should look like; the base URL may come from LAMBDA_CLOUD_BASE_URL.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  createRateLimiter,
  DEFAULT_BASE_URL,
  LambdaCloudClient,
  type LambdaCloudClientOptions,
} from "../../src/index.js";
import { createMockApi, ok } from "../helpers/mock-api.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

function configurationError(options: unknown): ConfigurationError {
  try {
    new LambdaCloudClient(options as LambdaCloudClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error("the constructor accepted the options");
}

describe("base URL checks", () => {
  it("refuses a base URL without a scheme, saying what a base URL looks like", () => {
    const error = configurationError({ apiKey: "k", baseUrl: "127.0.0.1:8792/api/v1" });
    expect(error.option).toBe("baseUrl");
    expect(error.message).toBe(
      'LambdaCloudClient option baseUrl: "127.0.0.1:8792/api/v1" is not an absolute URL (is the scheme missing?). ' +
        'A base URL looks like "https://cloud.lambda.ai/api/v1", or "http://127.0.0.1:8788/api/v1" for a local simulator or proxy: ' +
        "http: or https:, a host, and the path up to /api/v1.",
    );
  });

  it.each([
    ["localhost:8788/api/v1", 'has the scheme localhost: (is "http://" missing?)'],
    ["ftp://example.com/api/v1", 'has the scheme ftp: (is "http://" missing?)'],
    ["https://user:secret-pass@example.com/api/v1", "holds credentials; pass the key as the apiKey option instead"],
    ["https://example.com/api/v1?key=abc", "has a query or fragment"],
  ])("refuses %s", (baseUrl, problem) => {
    const error = configurationError({ apiKey: "k", baseUrl });
    expect(error.message).toContain(problem);
    expect(error.message).not.toContain("secret-pass");
    expect(error.message).not.toContain("key=abc");
  });

  it("refuses a base URL that is not a string", () => {
    expect(configurationError({ apiKey: "k", baseUrl: 8788 }).message).toContain(
      "baseUrl: must be a string, not number.",
    );
  });

  it("accepts http and https URLs and drops trailing slashes", () => {
    expect(new LambdaCloudClient({ apiKey: "k", baseUrl: "http://127.0.0.1:8788/api/v1/" }).baseUrl).toBe(
      "http://127.0.0.1:8788/api/v1",
    );
    expect(new LambdaCloudClient({ apiKey: "k" }).baseUrl).toBe(DEFAULT_BASE_URL);
  });
});

describe("LAMBDA_CLOUD_BASE_URL", () => {
  it("is used when the baseUrl option is not given", async () => {
    vi.stubEnv("LAMBDA_CLOUD_BASE_URL", "http://127.0.0.1:8788/api/v1");
    const api = createMockApi(() => ok([]));
    const client = new LambdaCloudClient({ apiKey: "k", fetch: api.fetch, rateLimit: false });
    expect(client.baseUrl).toBe("http://127.0.0.1:8788/api/v1");
    await client.instances.list();
    expect(api.requests[0]?.url.href).toBe("http://127.0.0.1:8788/api/v1/instances");
  });

  it("loses to the option", () => {
    vi.stubEnv("LAMBDA_CLOUD_BASE_URL", "http://127.0.0.1:8788/api/v1");
    expect(new LambdaCloudClient({ apiKey: "k", baseUrl: "https://proxy.example/api/v1" }).baseUrl).toBe(
      "https://proxy.example/api/v1",
    );
  });

  it("is ignored when empty", () => {
    vi.stubEnv("LAMBDA_CLOUD_BASE_URL", "");
    expect(new LambdaCloudClient({ apiKey: "k" }).baseUrl).toBe(DEFAULT_BASE_URL);
  });

  it("is checked like the option, and the error names the variable", () => {
    vi.stubEnv("LAMBDA_CLOUD_BASE_URL", "127.0.0.1:8788/api/v1");
    const error = configurationError({ apiKey: "k" });
    expect(error.option).toBe("LAMBDA_CLOUD_BASE_URL");
    expect(error.message).toContain(
      'LambdaCloudClient option LAMBDA_CLOUD_BASE_URL: "127.0.0.1:8788/api/v1" is not an absolute URL',
    );
  });
});

describe("other option checks", () => {
  it.each([
    [{ timeoutMs: 0 }, "timeoutMs", "must be a number of milliseconds > 0, such as 30_000; got 0."],
    [{ timeoutMs: "30s" }, "timeoutMs", "got a string."],
    [{ maxRetries: -1 }, "maxRetries", "must be a whole number ≥ 0"],
    [{ maxRetries: 1.5 }, "maxRetries", "got 1.5."],
    [{ authScheme: "token" }, "authScheme", 'must be "bearer" or "basic"; got a string.'],
    [{ fetch: "https://example.com" }, "fetch", "must be a fetch function"],
    [{ userAgent: true }, "userAgent", "must be a string, or false to send none; got true."],
    [{ rateLimiter: {} }, "rateLimiter", "must be a limiter from createRateLimiter()"],
    [{ validateResponses: "yes" }, "validateResponses", "must be true or false"],
    [
      { apiKey: 42 },
      "apiKey",
      "must be a string, a key provider (such as fromEnv()), a function returning the key, or false to send none; got 42.",
    ],
    [{ apiKey: {} }, "apiKey", "got an object."],
    [{ rateLimit: "no" }, "rateLimit", "must be true or false; got a string."],
    [
      { hooks: { onRequest: "log" } },
      "hooks",
      "must be an object of functions named onRequest, onResponse, onRetry, onError",
    ],
    [{ hooks: { onrequest: () => {} } }, "hooks", "named onRequest, onResponse, onRetry, onError"],
    [{ hooks: () => {} }, "hooks", "got a function."],
    [
      { logger: { log: () => {} } },
      "logger",
      "must be a console-compatible logger (debug, info, warn and error methods), such as console",
    ],
    [{ logLevel: "verbose" }, "logLevel", 'must be "off", "error", "warn", "info", "debug"; got a string.'],
  ])("refuses %j, naming %s", (options, option, text) => {
    const error = configurationError({ apiKey: "k", ...options });
    expect(error.option).toBe(option);
    expect(error.message).toContain(`LambdaCloudClient option ${option}: `);
    expect(error.message).toContain(text);
  });

  it("refuses an option it does not know, listing the ones it does (a typo fails at once)", () => {
    const error = configurationError({ apiKey: "k", maxRetry: 3 });
    expect(error.option).toBe("maxRetry");
    expect(error.message).toBe(
      "LambdaCloudClient option maxRetry: is not an option of LambdaCloudClient (the options are apiKey, baseUrl, timeoutMs, maxRetries, " +
        "authScheme, fetch, userAgent, rateLimit, rateLimiter, validateResponses, hooks, logger, logLevel).",
    );
  });

  it("refuses a rateLimiter next to rateLimit: false, which would silently ignore it", () => {
    const error = configurationError({ apiKey: "k", rateLimit: false, rateLimiter: createRateLimiter() });
    expect(error.option).toBe("rateLimiter");
    expect(error.message).toContain("is given while rateLimit is false; leave one of them out.");
  });

  it("accepts every option set to a valid value, and each left undefined", () => {
    const options: Required<LambdaCloudClientOptions> = {
      apiKey: "k",
      baseUrl: "http://127.0.0.1:8788/api/v1",
      timeoutMs: 1_000,
      maxRetries: 0,
      authScheme: "basic",
      fetch: globalThis.fetch,
      userAgent: false,
      rateLimit: true,
      rateLimiter: createRateLimiter(),
      validateResponses: false,
      hooks: { onRequest: () => {}, onError: undefined },
      logger: console,
      logLevel: "off",
    };
    expect(new LambdaCloudClient(options).baseUrl).toBe("http://127.0.0.1:8788/api/v1");
    const undefinedOptions = Object.fromEntries(Object.keys(options).map((name) => [name, undefined]));
    expect(new LambdaCloudClient({ ...undefinedOptions, apiKey: "k" }).baseUrl).toBe(DEFAULT_BASE_URL);
  });

  it("refuses options that are not an object", () => {
    expect(configurationError(null).message).toContain("must be an object such as { apiKey, baseUrl }, not null.");
  });

  it("never quotes a wrong string value (it might be a key)", () => {
    const error = configurationError({ apiKey: "k", authScheme: "secret_sentinel_abc" });
    expect(error.message).not.toContain("secret_sentinel_abc");
  });
});
