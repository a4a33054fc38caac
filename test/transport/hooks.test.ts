// The client's hooks and log lines: what each event of a call says, in which order, that a hook
// that throws never breaks a call, and that neither events nor log lines ever hold the key.
import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  type ClientHooks,
  type ErrorEvent,
  InternalServerError,
  type LambdaCloudClientOptions,
  type Logger,
  NotFoundError,
  RequestValidationError,
  type RetryEvent,
} from "../../src/index.js";
import { encodeBasicCredentials } from "../../src/transport/redact.js";
import { outcomeOf, useFakeBackoff } from "../helpers/fake-backoff.js";
import { apiError, clientFor, createMockApi, type MockHandler, ok, sentinelKey } from "../helpers/mock-api.js";

useFakeBackoff();

const INSTANCE_ID = "0920582c7ff041399e34823a0be62549";

/** Hooks that record every event as `[hook name, event]`. */
function recordingHooks(): { hooks: Required<ClientHooks>; events: [string, unknown][] } {
  const events: [string, unknown][] = [];
  const record = (name: string) => (event: unknown) => void events.push([name, event]);
  return {
    hooks: {
      onRequest: record("onRequest"),
      onResponse: record("onResponse"),
      onRetry: record("onRetry"),
      onError: record("onError"),
    },
    events,
  };
}

/** A logger that keeps every line, by level. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** Each event as "hook attempt", e.g. "onRetry 2". */
function hooksByAttempt(events: readonly [string, unknown][]): string[] {
  return events.map(([name, event]) => `${name} ${(event as { attempt: number }).attempt}`);
}

/** The hooks of a call answered on its second attempt. */
const RETRIED_ONCE = ["onRequest 1", "onResponse 1", "onRetry 2", "onRequest 2", "onResponse 2"];

function observed(handler: MockHandler, options: LambdaCloudClientOptions = {}) {
  const api = createMockApi(handler);
  const recording = recordingHooks();
  const client = clientFor(api, { hooks: recording.hooks, ...options });
  return { api, client, events: recording.events };
}

describe("events of a call", () => {
  it("reports the attempt before sending and the answer with its status, duration and request id", async () => {
    const { client, events } = observed(
      () => {
        const response = ok({ id: INSTANCE_ID });
        response.headers.set("x-request-id", "req-123");
        return response;
      },
      { validateResponses: false },
    );
    await client.instances.get(INSTANCE_ID);
    expect(events.map(([name]) => name)).toEqual(["onRequest", "onResponse"]);
    const callId = (events[0]![1] as { callId: number }).callId;
    const attempt = {
      callId,
      operationId: "getInstance",
      method: "GET",
      path: `/instances/${INSTANCE_ID}`,
      attempt: 1,
    };
    expect(events[0]?.[1]).toEqual(attempt);
    expect(events[1]?.[1]).toEqual({
      ...attempt,
      status: 200,
      durationMs: expect.any(Number),
      requestId: "req-123",
    });
  });

  it("reports a retried GET attempt by attempt: the 503, the retry with its error, then the success", async () => {
    const { client, events } = observed((_request, attempt) =>
      attempt === 1 ? apiError(503, "global/unavailable", "Try later.", { request_id: "req-first" }) : ok([]),
    );
    const outcome = outcomeOf(client.regions.list());
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await outcome).toEqual({ value: [] });
    expect(hooksByAttempt(events)).toEqual(RETRIED_ONCE);
    const retry = events[2]?.[1] as RetryEvent;
    expect(retry).toMatchObject({ operationId: "listRegions", status: 503, requestId: "req-first" });
    expect(retry.error).toBeInstanceOf(InternalServerError);
    expect(retry.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("reports a failed call once, with the error it rejects with and the number of attempts", async () => {
    const { client, events } = observed(() =>
      apiError(404, "global/object-does-not-exist", "No such instance.", { request_id: "req-404" }),
    );
    const outcome = await outcomeOf(client.instances.get(INSTANCE_ID));
    const failures = events.filter(([name]) => name === "onError");
    expect(failures).toHaveLength(1);
    const failure = failures[0]?.[1] as ErrorEvent;
    expect(failure).toMatchObject({ operationId: "getInstance", attempt: 1, status: 404, requestId: "req-404" });
    expect(failure.error).toBeInstanceOf(NotFoundError);
    expect(failure.error).toBe((outcome as { error: unknown }).error);
  });

  it("reports a call refused before sending as attempt 0, and sends nothing", async () => {
    const { api, client, events } = observed(() => ok([]));
    await expect(client.instances.get("not-an-id")).rejects.toBeInstanceOf(RequestValidationError);
    expect(api.requests).toHaveLength(0);
    expect(events.map(([name]) => name)).toEqual(["onError"]);
    expect(events[0]?.[1]).toMatchObject({ operationId: "getInstance", attempt: 0, status: undefined });
  });

  it("reports the signal's reason when a call is aborted", async () => {
    const { client, events } = observed(() => ok([]));
    const controller = new AbortController();
    controller.abort(new Error("user left the page"));
    await expect(client.regions.list({ signal: controller.signal })).rejects.toThrow("user left the page");
    expect((events[0]![1] as ErrorEvent).error).toBe(controller.signal.reason);
  });

  it("reports the second send after a 401 with a rotated key as a retry", async () => {
    const keys = ["old-key", "new-key"];
    const { client, events } = observed(
      (request) =>
        request.headers.get("authorization") === "Bearer new-key" ? ok([]) : apiError(401, "global/invalid-api-key"),
      {
        apiKey: { name: "rotating", getKey: () => keys[0] as string, invalidate: () => void keys.shift() },
      },
    );
    await client.regions.list();
    expect(hooksByAttempt(events)).toEqual(RETRIED_ONCE);
    expect((events[2]![1] as RetryEvent).status).toBe(401);
  });

  it("tells concurrent calls apart by callId", async () => {
    const { client, events } = observed(() => ok([]));
    await Promise.all([client.regions.list(), client.images.list(), client.regions.list()]);
    const byCall = new Map<number, string[]>();
    for (const [name, event] of events) {
      const { callId } = event as { callId: number };
      byCall.set(callId, [...(byCall.get(callId) ?? []), name]);
    }
    expect([...byCall.values()]).toEqual([
      ["onRequest", "onResponse"],
      ["onRequest", "onResponse"],
      ["onRequest", "onResponse"],
    ]);
  });
});

describe("hooks that fail", () => {
  it("never break the call: a throwing hook and a rejecting one are ignored and logged at warn", async () => {
    const logger = recordingLogger();
    const api = createMockApi(() => ok([]));
    const client = clientFor(api, {
      logger,
      hooks: {
        onRequest: () => {
          throw new Error("tracer is down");
        },
        onResponse: async () => {
          throw new Error("metrics sink rejected");
        },
      },
    });
    await expect(client.regions.list()).resolves.toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(logger.lines).toEqual([
      "warn lambda-cloud: the onRequest hook threw (ignored): Error: tracer is down",
      "warn lambda-cloud: the onResponse hook threw (ignored): Error: metrics sink rejected",
    ]);
  });

  it("do not stop the other observers: the log line is still written when a hook throws", async () => {
    const logger = recordingLogger();
    const api = createMockApi(() => apiError(404, "global/object-does-not-exist"));
    const client = clientFor(api, {
      logger,
      logLevel: "error",
      hooks: {
        onError: () => {
          throw new Error("boom");
        },
      },
    });
    await expect(client.instances.get(INSTANCE_ID)).rejects.toBeInstanceOf(NotFoundError);
    expect(logger.lines).toEqual([
      expect.stringMatching(/^error lambda-cloud: getInstance failed after 1 attempt\(s\) in \d+ ms: NotFoundError: /),
    ]);
  });
});

describe("log lines", () => {
  const retriedThenFailed: MockHandler = (_request, attempt) =>
    attempt === 1
      ? apiError(503, "global/unavailable", "Try later.")
      : apiError(404, "global/object-does-not-exist", "Gone.");

  it("are written at and above the chosen level", async () => {
    const logger = recordingLogger();
    const client = clientFor(createMockApi(retriedThenFailed), { logger, logLevel: "debug" });
    const outcome = outcomeOf(client.instances.get(INSTANCE_ID));
    await vi.advanceTimersByTimeAsync(1_000);
    await outcome;
    expect(logger.lines).toEqual([
      `debug lambda-cloud: getInstance attempt 1: GET /instances/${INSTANCE_ID}`,
      expect.stringMatching(/^info lambda-cloud: getInstance attempt 1: 503 in \d+ ms$/),
      expect.stringMatching(/^warn lambda-cloud: getInstance attempt 1 failed \(.*Try later\..*\); retrying$/),
      `debug lambda-cloud: getInstance attempt 2: GET /instances/${INSTANCE_ID}`,
      expect.stringMatching(/^info lambda-cloud: getInstance attempt 2: 404 in \d+ ms$/),
      expect.stringMatching(
        /^error lambda-cloud: getInstance failed after 2 attempt\(s\) in \d+ ms: NotFoundError: .*Gone\./,
      ),
    ]);
  });

  it("default to warnings and errors when a logger is given without a level", async () => {
    const logger = recordingLogger();
    const client = clientFor(createMockApi(retriedThenFailed), { logger });
    const outcome = outcomeOf(client.instances.get(INSTANCE_ID));
    await vi.advanceTimersByTimeAsync(1_000);
    await outcome;
    expect(logger.lines.map((line) => line.split(" ")[0])).toEqual(["warn", "error"]);
  });

  it("are off by default: nothing reaches the console", async () => {
    const spies = (["debug", "info", "warn", "error", "log"] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(() => {}),
    );
    const client = clientFor(createMockApi(retriedThenFailed));
    const outcome = outcomeOf(client.instances.get(INSTANCE_ID));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await outcome).toMatchObject({ error: expect.any(NotFoundError) });
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it("go to the console when only a level is given", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    await clientFor(
      createMockApi(() => ok([])),
      { logLevel: "info" },
    ).regions.list();
    expect(info).toHaveBeenCalledWith(expect.stringMatching(/^lambda-cloud: listRegions attempt 1: 200 in \d+ ms$/));
  });
});

describe("the key", () => {
  it.each(["bearer", "basic"] as const)(
    "never appears in an event or a log line (%s), even when the API echoes it back",
    async (authScheme) => {
      const key = sentinelKey();
      const forms = [key, encodeBasicCredentials(key)];
      const logger = recordingLogger();
      const recording = recordingHooks();
      // Each answer quotes the Authorization header it received: in a message, a request id, a header.
      const echo: MockHandler = (request, attempt) => {
        const sent = request.headers.get("authorization") ?? "";
        const answer =
          attempt === 1
            ? apiError(503, "global/unavailable", `overloaded for ${sent}`, { request_id: sent })
            : apiError(400, "global/invalid-parameters", `bad request from ${sent}`, {
                suggestion: `retry as ${sent}`,
                request_id: sent,
              });
        answer.headers.set("x-request-id", sent);
        return answer;
      };
      const client = clientFor(createMockApi(echo), {
        apiKey: key,
        authScheme,
        logger,
        logLevel: "debug",
        hooks: recording.hooks,
      });
      const outcome = outcomeOf(client.instances.get(INSTANCE_ID));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(outcome).toBeDefined();
      await outcome;
      expect(recording.events.map(([name]) => name)).toEqual([
        "onRequest",
        "onResponse",
        "onRetry",
        "onRequest",
        "onResponse",
        "onError",
      ]);
      const everything = [
        inspect(recording.events, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
        ...logger.lines,
      ].join("\n");
      for (const form of forms) expect(everything).not.toContain(form);
    },
  );
});
