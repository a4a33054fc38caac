import { describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InsufficientCapacityError,
  InternalServerError,
  LambdaCloudError,
  NotFoundError,
  PermissionDeniedError,
  ProviderError,
  QuotaExceededError,
  RateLimitError,
  ResponseValidationError,
} from "../../src/index.js";
import { apiError, clientFor, createMockApi, ok } from "../helpers/mock-api.js";

const noRetry = { maxRetries: 0 };

describe("mapping error answers to error classes", () => {
  const byStatus: [number, string, abstract new (...args: never[]) => APIError][] = [
    [400, "global/invalid-parameters", BadRequestError],
    [401, "global/invalid-api-key", AuthenticationError],
    [403, "global/account-inactive", PermissionDeniedError],
    [404, "global/object-does-not-exist", NotFoundError],
    [409, "global/conflict", ConflictError],
    [429, "global/rate-limited", RateLimitError],
    [500, "global/internal-error", InternalServerError],
    [503, "global/unavailable", InternalServerError],
    [400, "instance-operations/launch/insufficient-capacity", InsufficientCapacityError],
    [400, "global/quota-exceeded", QuotaExceededError],
    [503, "provider/internal-unavailable", ProviderError],
  ];
  for (const [status, code, ErrorClass] of byStatus) {
    it(`maps ${status} ${code} to ${ErrorClass.name} with status, code, suggestion and request id`, async () => {
      const api = createMockApi(() =>
        apiError(status, code, "It failed.", { suggestion: "Try again.", request_id: "req-42" }),
      );
      const error = await clientFor(api, noRetry)
        .regions.list()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toBeInstanceOf(APIError);
      expect(error).toBeInstanceOf(LambdaCloudError);
      expect(error).toMatchObject({ status, code, suggestion: "Try again.", requestId: "req-42" });
      expect((error as Error).message).toContain(code);
      expect((error as Error).message).toContain("It failed.");
      expect((error as Error).message).toContain("req-42");
      expect((error as APIError).headers.get("content-type")).toContain("application/json");
    });
  }

  it("keeps field_errors sent by older API versions", async () => {
    const api = createMockApi(() =>
      apiError(400, "global/invalid-parameters", "Invalid.", {
        field_errors: { name: { code: "too-long", message: "Too long" } },
      }),
    );
    const error = (await clientFor(api)
      .regions.list()
      .catch((e: unknown) => e)) as BadRequestError;
    expect(error.fieldErrors).toEqual({ name: { code: "too-long", message: "Too long" } });
  });

  it("describes an HTML error page by status and its first bytes", async () => {
    const api = createMockApi(
      () =>
        new Response("<html><body>502 Bad Gateway</body></html>", {
          status: 502,
          statusText: "Bad Gateway",
          headers: { "content-type": "text/html" },
        }),
    );
    const error = (await clientFor(api, noRetry)
      .regions.list()
      .catch((e: unknown) => e)) as InternalServerError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.code).toBe("http/502");
    expect(error.message).toContain("502 Bad Gateway");
    expect(error.message).toContain("text/html");
    expect(error.message).toContain("<html><body>502 Bad Gateway</body></html>");
  });

  it("describes an empty error body by its status", async () => {
    const api = createMockApi(() => new Response(null, { status: 403 }));
    const error = (await clientFor(api)
      .regions.list()
      .catch((e: unknown) => e)) as PermissionDeniedError;
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.message).toMatch(/403 .*empty body/);
  });

  it("describes malformed JSON by its first bytes", async () => {
    const api = createMockApi(
      () => new Response('{"error": {"code": ', { status: 400, headers: { "content-type": "application/json" } }),
    );
    const error = (await clientFor(api)
      .regions.list()
      .catch((e: unknown) => e)) as BadRequestError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toContain("not valid JSON");
    expect(error.message).toContain('{\\"error\\": {\\"code\\":');
  });

  it("cuts a long body to its first 200 characters", async () => {
    const api = createMockApi(() => new Response("x".repeat(5000), { status: 404 }));
    const error = (await clientFor(api)
      .regions.list()
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(`${"x".repeat(200)}…`);
    expect(error.message).not.toContain("x".repeat(201));
  });

  it("turns a refused connection into APIConnectionError with the cause", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const api = createMockApi(() => refused);
    const error = (await clientFor(api, noRetry)
      .regions.list()
      .catch((e: unknown) => e)) as APIConnectionError;
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.cause).toBe(refused);
  });

  it("throws ResponseValidationError with the raw data and every problem's path when a 2xx body has the wrong shape", async () => {
    const api = createMockApi(() => ok([{ id: 7, status: "active" }]));
    const error = (await clientFor(api)
      .instances.list()
      .catch((e: unknown) => e)) as ResponseValidationError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.operationId).toBe("listInstances");
    expect(error.data).toEqual([{ id: 7, status: "active" }]);
    expect(error.problems.map((problem) => problem.path)).toEqual(
      expect.arrayContaining(["[0].id", "[0].ssh_key_names", "[0].region", "[0].instance_type"]),
    );
  });

  it("throws ResponseValidationError when a 2xx body is not JSON or has no data envelope", async () => {
    const html = createMockApi(
      () => new Response("<html>", { status: 200, headers: { "content-type": "application/json" } }),
    );
    await expect(clientFor(html).regions.list()).rejects.toThrow(/not valid JSON/);
    const bare = createMockApi(() => Response.json([]));
    await expect(clientFor(bare).regions.list()).rejects.toThrow(/`data` field/);
  });
});
