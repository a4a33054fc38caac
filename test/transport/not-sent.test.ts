// A connection that was refused, or a host name that did not resolve, cannot have launched
// anything: RequestNotSentError, not LaunchOutcomeUnknownError; that stays for what is ambiguous.
import { readFileSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  LambdaCloudClient,
  LaunchOutcomeUnknownError,
  RequestNotSentError,
} from "../../src/index.js";
import { notSentReason } from "../../src/transport/not-sent.js";
import { closedPort } from "../helpers/closed-port.js";
import { clientFor, createMockApi } from "../helpers/mock-api.js";
import { A10_LAUNCH } from "../helpers/payloads.js";

const launch = A10_LAUNCH;
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("notSentReason: how each runtime reports a request that never left", () => {
  it.each([
    [
      "Node: fetch failed, cause ECONNREFUSED",
      new TypeError("fetch failed", { cause: withCode("connect ECONNREFUSED 127.0.0.1:9", "ECONNREFUSED") }),
      "connection-refused",
    ],
    [
      "Node: an AggregateError of refused addresses",
      new TypeError("fetch failed", {
        cause: new AggregateError([withCode("connect ECONNREFUSED ::1:9", "ECONNREFUSED")], ""),
      }),
      "connection-refused",
    ],
    [
      "Node: ENOTFOUND",
      new TypeError("fetch failed", { cause: withCode("getaddrinfo ENOTFOUND api.invalid", "ENOTFOUND") }),
      "name-not-resolved",
    ],
    [
      "Node: EAI_AGAIN",
      new TypeError("fetch failed", { cause: withCode("getaddrinfo EAI_AGAIN api.example", "EAI_AGAIN") }),
      "name-not-resolved",
    ],
    [
      "Bun: ECONNREFUSED on the error",
      withCode("ECONNREFUSED: Unable to connect. Is the computer able to access the url?", "ECONNREFUSED"),
      "connection-refused",
    ],
    ["Bun: ENOTFOUND on the error", withCode("getaddrinfo ENOTFOUND api.invalid", "ENOTFOUND"), "name-not-resolved"],
    [
      "Deno: connection refused in the cause's message",
      new TypeError("fetch failed", {
        cause: new Error(
          "error sending request for url (http://127.0.0.1:9/): client error (Connect): tcp connect error: Connection refused (os error 111)",
        ),
      }),
      "connection-refused",
    ],
    [
      "Deno: dns error in the cause's message",
      new TypeError("fetch failed", {
        cause: new Error(
          "error sending request for url (http://api.invalid/): client error (Connect): dns error: failed to lookup address information",
        ),
      }),
      "name-not-resolved",
    ],
    [
      "Node: a self-signed certificate",
      new TypeError("fetch failed", { cause: withCode("self-signed certificate", "DEPTH_ZERO_SELF_SIGNED_CERT") }),
      "certificate-rejected",
    ],
    [
      "Node: a certificate for another host",
      new TypeError("fetch failed", { cause: withCode("Hostname/IP does not match", "ERR_TLS_CERT_ALTNAME_INVALID") }),
      "certificate-rejected",
    ],
    [
      "Bun: a self-signed certificate",
      withCode("self signed certificate", "DEPTH_ZERO_SELF_SIGNED_CERT"),
      "certificate-rejected",
    ],
    [
      "Deno: invalid peer certificate in the cause's message",
      new TypeError("fetch failed", {
        cause: new Error(
          "error sending request for url (https://127.0.0.1:9/): client error (Connect): invalid peer certificate: UnknownIssuer",
        ),
      }),
      "certificate-rejected",
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
    const client = new LambdaCloudClient({
      apiKey: "k",
      baseUrl: `http://127.0.0.1:${await closedPort()}/api/v1`,
      rateLimit: false,
      maxRetries: 0,
    });
    const error = await client.instances.launch(launch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestNotSentError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(LaunchOutcomeUnknownError);
    expect((error as RequestNotSentError).reason).toBe("connection-refused");
    expect((error as Error).message).toContain("the connection was refused");
    expect((error as Error).message).toContain("never sent and nothing was launched");
  });

  it("whose name did not resolve throws RequestNotSentError with reason name-not-resolved", async () => {
    const api = createMockApi(
      () => new TypeError("fetch failed", { cause: withCode("getaddrinfo ENOTFOUND api.invalid", "ENOTFOUND") }),
    );
    const error = await clientFor(api, { maxRetries: 0 })
      .instances.launch(launch)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestNotSentError);
    expect((error as RequestNotSentError).reason).toBe("name-not-resolved");
    expect((error as Error).message).toContain("the host name did not resolve");
  });

  it("is retried like any request that sent nothing, and succeeds when the API answers", async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const api = createMockApi((_, attempt) =>
      attempt === 1
        ? new TypeError("fetch failed", { cause: withCode("connect ECONNREFUSED 127.0.0.1:9", "ECONNREFUSED") })
        : Response.json({ data: { instance_ids: ["i"] } }),
    );
    const launched = clientFor(api, { maxRetries: 1 }).instances.launch(launch);
    await vi.advanceTimersByTimeAsync(250); // full jitter of the 500 ms backoff with random() = 0.5
    await expect(launched).resolves.toEqual({ instance_ids: ["i"] });
    expect(api.requests).toHaveLength(2);
  });

  it("to a server whose certificate is rejected throws RequestNotSentError, and is not retried", async () => {
    // A self-signed certificate for 127.0.0.1, made for this test only (test/fixtures/tls/).
    const tls = (name: string) => readFileSync(new URL(`../fixtures/tls/self-signed.${name}.pem`, import.meta.url));
    const requests: string[] = [];
    const server = createHttpsServer({ key: tls("key"), cert: tls("cert") }, (request, response) => {
      requests.push(request.method ?? "");
      response.end("{}");
    });
    let connections = 0;
    server.on("connection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
      const client = new LambdaCloudClient({ apiKey: "k", baseUrl, rateLimit: false, maxRetries: 2 });
      const error = await client.instances.launch(launch).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestNotSentError);
      expect((error as RequestNotSentError).reason).toBe("certificate-rejected");
      expect((error as Error).message).toContain("the server's TLS certificate was rejected");
      expect((error as Error).message).toContain("nothing was launched");
      expect(requests).toEqual([]);
      // A GET would be retried after a lost connection (maxRetries: 2), but a rejected certificate will not change.
      await expect(client.instances.list()).rejects.toBeInstanceOf(RequestNotSentError);
      expect(connections).toBe(2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("still reports a reset after writing as LaunchOutcomeUnknownError, and does not retry it", async () => {
    const api = createMockApi(() => new TypeError("fetch failed", { cause: withCode("socket hang up", "ECONNRESET") }));
    const error = await clientFor(api, { maxRetries: 2 })
      .instances.launch(launch, { reconcileMs: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LaunchOutcomeUnknownError);
    expect(api.requests).toHaveLength(1);
  });
});
