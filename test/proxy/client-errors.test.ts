import { describe, expect, it } from "vitest";
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  type InstanceLaunchRequest,
  InsufficientCapacityError,
  InternalServerError,
  LambdaCloudClient,
  type LambdaCloudClientOptions,
  LaunchOutcomeUnknownError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "../../src/index.js";
import type { LambdaProxyOptions } from "../../src/proxy/index.js";
import { apiError, type MockHandler, ok } from "../helpers/mock-api.js";
import { INSTANCE_ID, instance } from "../helpers/payloads.js";
import { allowAll, type ProxyUnderTest, proxyUnderTest } from "./helpers.js";

const BROWSER_TOKEN = "dashboard-token-not-a-lambda-key";
const launchArgs = {
  region_name: "us-west-1",
  instance_type_name: "gpu_1x_a10",
  ssh_key_names: ["laptop"],
} satisfies InstanceLaunchRequest;

/** A browser-side client whose fetch is the proxy handler, as the dashboard uses it. */
function clientThrough(proxy: ProxyUnderTest, options: LambdaCloudClientOptions = {}): LambdaCloudClient {
  return new LambdaCloudClient({
    apiKey: BROWSER_TOKEN,
    baseUrl: "http://proxy.test/api/v1",
    rateLimit: false,
    maxRetries: 0,
    fetch: (input, init) => proxy.handle(new Request(input, init)),
    ...options,
  });
}

function setup(options: Partial<LambdaProxyOptions> = {}, answer?: MockHandler) {
  const proxy = proxyUnderTest(options, answer);
  return { proxy, client: clientThrough(proxy) };
}

/** Runs `call` expecting a rejection, and checks that the error does not hold the proxy's key. */
async function failure(proxy: ProxyUnderTest, call: Promise<unknown>): Promise<APIError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect(`${(error as Error).message} ${(error as Error).stack}`).not.toContain(proxy.key);
  return error as APIError;
}

describe("LambdaCloudClient through the proxy", () => {
  it("gets validated payloads through, and the upstream sees the proxy's key, never the client's", async () => {
    const { proxy, client } = setup({}, () => ok([instance]));
    await expect(client.instances.list()).resolves.toEqual([instance]);
    expect(proxy.upstream.requests[0]?.headers.get("authorization")).toBe(`Bearer ${proxy.key}`);
    expect(JSON.stringify([...proxy.upstream.requests[0]!.headers])).not.toContain(BROWSER_TOKEN);
  });

  it("maps a disallowed operation to NotFoundError with code proxy/route-not-allowed", async () => {
    const { proxy, client } = setup();
    const error = await failure(proxy, client.instances.launch(launchArgs));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.code).toBe("proxy/route-not-allowed");
    expect(error.message).toContain("launchInstance is not allowed by this proxy.");
    expect(error.requestId).toBe(proxy.logs[0]?.requestId);
  });

  it("maps an unknown query parameter to BadRequestError", async () => {
    const { proxy } = setup();
    const withExtraQuery = clientThrough(proxy, {
      fetch: (input, init) => {
        const request = new Request(input, init);
        const url = new URL(request.url);
        url.searchParams.set("admin", "1");
        return proxy.handle(new Request(url, request));
      },
    });
    const error = await failure(proxy, withExtraQuery.instances.list());
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.code).toBe("proxy/route-not-allowed");
  });

  it("maps a refused authorization to PermissionDeniedError (403) when the client sent a token, and to AuthenticationError (401) when it sent none", async () => {
    const { proxy, client } = setup({
      allow: "read-write",
      authorize: async (request) => request.headers.get("authorization") === "Bearer right",
    });
    const error = await failure(proxy, client.instances.launch(launchArgs));
    // The client sent its token, so the refusal is 403; without any credentials it would be 401.
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.code).toBe("proxy/unauthorized");

    const bare = clientThrough(proxy, {
      fetch: (input, init) => {
        const request = new Request(input, init);
        const headers = new Headers(request.headers);
        headers.delete("authorization");
        return proxy.handle(new Request(request, { headers }));
      },
    });
    const unauthenticated = await failure(proxy, bare.instances.list());
    expect(unauthenticated).toBeInstanceOf(AuthenticationError);
    expect(unauthenticated.code).toBe("proxy/unauthorized");
  });

  it("maps the proxy's rate limit to RateLimitError with Retry-After", async () => {
    const { proxy, client } = setup({ rateLimit: async () => false });
    const error = await failure(proxy, client.instances.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.code).toBe("proxy/rate-limited");
    expect(error.headers.get("retry-after")).toBe("10");
  });

  it("maps a body over the limit to an APIError with status 413 and code proxy/body-too-large", async () => {
    const { proxy, client } = setup({ allow: "read-write", authorize: allowAll, maxBodyBytes: 512 });
    const error = await failure(
      proxy,
      client.instances.launch({ ...launchArgs, user_data: `#!/bin/sh\n${"x".repeat(1000)}` }),
    );
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(413);
    expect(error.code).toBe("proxy/body-too-large");
    expect(proxy.upstream.requests).toHaveLength(0);
  });

  it("maps an unreachable upstream to InternalServerError, and for a launch to LaunchOutcomeUnknownError", async () => {
    const { proxy, client } = setup({ allow: "read-write", authorize: allowAll }, () => new TypeError("fetch failed"));
    const read = await failure(proxy, client.instances.list());
    expect(read).toBeInstanceOf(InternalServerError);
    expect(read.code).toBe("proxy/upstream-unreachable");
    const launch = await failure(proxy, client.instances.launch(launchArgs, { reconcileMs: 0 }));
    expect(launch).toBeInstanceOf(LaunchOutcomeUnknownError);
    expect((launch as unknown as LaunchOutcomeUnknownError).cause).toBeInstanceOf(InternalServerError);
  });

  it("maps a missing key to InternalServerError with code proxy/key-unavailable, naming the provider", async () => {
    const { proxy, client } = setup({ apiKey: { name: "env:LAMBDA_API_KEY", getKey: () => "" } });
    const error = await failure(proxy, client.instances.get(INSTANCE_ID));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBe(503);
    expect(error.code).toBe("proxy/key-unavailable");
    expect(error.message).toContain("env:LAMBDA_API_KEY");
  });

  it("passes the API's own errors through to their typed classes", async () => {
    const { proxy, client } = setup({ allow: "read-write", authorize: allowAll }, () =>
      apiError(400, "instance-operations/launch/insufficient-capacity", "Not enough capacity.", { request_id: "up-1" }),
    );
    const error = await failure(proxy, client.instances.launch(launchArgs));
    expect(error).toBeInstanceOf(InsufficientCapacityError);
    expect(error.requestId).toBe("up-1");
  });
});
