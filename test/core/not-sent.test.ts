// A connection that was refused, or a host name that did not resolve, cannot have launched
// anything: RequestNotSentError, not LaunchOutcomeUnknownError; that stays for what is ambiguous.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  type InstanceLaunchRequest,
  LambdaCloudClient,
  LaunchOutcomeUnknownError,
  RequestNotSentError,
} from "../../src/index.js";
import { notSentReason } from "../../src/transport/not-sent.js";
import { closedPort } from "../helpers/closed-port.js";
import { clientFor, createMockApi } from "../helpers/mock-api.js";

const launch = { region_name: "us-west-1", instance_type_name: "gpu_1x_a10", ssh_key_names: ["laptop"] } satisfies InstanceLaunchRequest;
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("notSentReason: how each runtime reports a request that never left", () => {
  it.each([
    ["Node: fetch failed, cause ECONNREFUSED", new TypeError("fetch failed", { cause: withCode("connect ECONNREFUSED 127.0.0.1:9", "ECONNREFUSED") }), "connection-refused"],
    [
      "Node: an AggregateError of refused addresses",
      new TypeError("fetch failed", { cause: new AggregateError([withCode("connect ECONNREFUSED ::1:9", "ECONNREFUSED")], "") }),
      "connection-refused",
    ],
    ["Node: ENOTFOUND", new TypeError("fetch failed", { cause: withCode("getaddrinfo ENOTFOUND api.invalid", "ENOTFOUND") }), "name-not-resolved"],
    ["Node: EAI_AGAIN", new TypeError("fetch failed", { cause: withCode("getaddrinfo EAI_AGAIN api.example", "EAI_AGAIN") }), "name-not-resolved"],
    ["Bun: ECONNREFUSED on the error", withCode("ECONNREFUSED: Unable to connect. Is the computer able to access the url?", "ECONNREFUSED"), "connection-refused"],
    ["Bun: ENOTFOUND on the error", withCode("getaddrinfo ENOTFOUND api.invalid", "ENOTFOUND"), "name-not-resolved"],
    [
      "Deno: connection refused in the cause's message",
      new TypeError("fetch failed", {
        cause: new Error("error sending request for url (http://127.0.0.1:9/): client error (Connect): tcp connect error: Connection refused (os error 111)"),
      }),
      "connection-refused",
    ],
    [
      "Deno: dns error in the cause's message",
      new TypeError("fetch failed", {
        cause: new Error("error sending request for url (http://api.invalid/): client error (Connect): dns error: failed to lookup address information"),
      }),
      "name-not-resolved",
    ],
  ])("%s", (_, error, reason) => {
    expect(notSentReason(error)).toBe(reason);
  });

  it.each([
    ["a reset after writing", new TypeError("fetch failed", { cause: withCode("socket hang up", "ECONNRESET") })],
    ["a browser's bare failure", new TypeError("Failed to fetch")],
    ["a timeout", withCode("Connect Timeout Error", "UND_ERR_CONNECT_TIMEOUT")],
    ["not an error", "ECONNREFUSED"],
  ])("leaves %s unknown", (_, error) => {
    expect(notSentReason(error)).toBeUndefined();
  });
});

describe("a launch that was never sent", () => {
  it("against a closed port throws RequestNotSentError saying nothing was launched", async () => {
    const client = new LambdaCloudClient({ apiKey: "k", baseUrl: `http://127.0.0.1:${await closedPort()}/api/v1`, rateLimit: false, maxRetries: 0 });
    const error = await client.instances.launch(launch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestNotSentError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(LaunchOutcomeUnknownError);
    expect((error as RequestNotSentError).reason).toBe("connection-refused");
    expect((error as Error).message).toContain("the connection was refused");
    expect((error as Error).message).toContain("never sent and nothing was launched");
  });

  it("whose name did not resolve throws RequestNotSentError with reason name-not-resolved", async () => {
    const api = createMockApi(() => new TypeError("fetch failed", { cause: withCode("getaddrinfo ENOTFOUND api.invalid", "ENOTFOUND") }));
    const error = await clientFor(api, { maxRetries: 0 }).instances.launch(launch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestNotSentError);
    expect((error as RequestNotSentError).reason).toBe("name-not-resolved");
    expect((error as Error).message).toContain("the host name did not resolve");
  });

  it("is retried like any request that sent nothing, and succeeds when the API answers", async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const api = createMockApi((_, attempt) =>
      attempt === 1 ? new TypeError("fetch failed", { cause: withCode("connect ECONNREFUSED 127.0.0.1:9", "ECONNREFUSED") }) : Response.json({ data: { instance_ids: ["i"] } }),
    );
    const launched = clientFor(api, { maxRetries: 1 }).instances.launch(launch);
    await vi.advanceTimersByTimeAsync(250); // full jitter of the 500 ms backoff with random() = 0.5
    await expect(launched).resolves.toEqual({ instance_ids: ["i"] });
    expect(api.requests).toHaveLength(2);
  });

  it("still reports a reset after writing as LaunchOutcomeUnknownError, and does not retry it", async () => {
    const api = createMockApi(() => new TypeError("fetch failed", { cause: withCode("socket hang up", "ECONNRESET") }));
    const error = await clientFor(api, { maxRetries: 2 }).instances.launch(launch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LaunchOutcomeUnknownError);
    expect(api.requests).toHaveLength(1);
  });
});
