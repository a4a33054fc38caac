// The one redaction step (src/transport/redact-error.ts), field by field.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { APIConnectionError, createAPIError, ResponseValidationError } from "../../src/index.js";
import { secretForms } from "../../src/transport/redact.js";
import { redactError } from "../../src/transport/redact-error.js";
import { sentinelKey } from "../helpers/mock-api.js";

const printed = (error: unknown) =>
  [
    String(error),
    (error as Error).stack,
    JSON.stringify(error),
    inspect(error, { depth: Infinity, showHidden: true }),
  ].join("\n");

describe("redactError", () => {
  it("cleans a lambda-cloud error in place: message, stack, headers (names and values), data, problems and toJSON", () => {
    const key = sentinelKey();
    const error = createAPIError({
      status: 500,
      code: `global/${key}`,
      message: `bad ${key}`,
      requestId: key,
      headers: new Headers({ "x-echo": `Bearer ${key}`, [`x-${key}`]: "1", "content-type": "application/json" }),
    });
    expect(redactError(error, secretForms(key))).toBe(error);
    expect(printed(error)).not.toContain(key);
    expect(JSON.stringify(error.toJSON())).not.toContain(key);
    expect([...error.headers]).toEqual([
      ["content-type", "application/json"],
      ["x-echo", "Bearer [redacted]"],
    ]);
    expect(error.requestId).toBe("[redacted]");

    const invalid = new ResponseValidationError("listInstances", [{ path: `[0].${key}`, message: "is required" }], {
      [key]: [key],
    });
    redactError(invalid, secretForms(key));
    expect(printed(invalid)).not.toContain(key);
    expect(invalid.data).toEqual({ "[redacted]": ["[redacted]"] });
  });

  it("replaces a foreign cause that holds the key (in any string field, or in an AggregateError's errors) with a clean copy", () => {
    const key = sentinelKey();
    const parserError = Object.assign(new Error("Invalid header value char"), {
      code: "HPE_INVALID_HEADER_TOKEN",
      data: `Bearer ${key}`,
    });
    const aggregate = new AggregateError([new Error(`connect to ${key}`)], "all failed");
    const error = new APIConnectionError("listInstances: could not reach the API", {
      cause: new TypeError("fetch failed", { cause: parserError }),
    });
    const other = new APIConnectionError("listInstances: could not reach the API", { cause: aggregate });
    redactError(error, secretForms(key));
    redactError(other, secretForms(key));
    expect(printed(error)).not.toContain(key);
    expect(printed(other)).not.toContain(key);
    const copied = (error.cause as Error).cause as Error & { code?: string; data?: string };
    expect(copied.code).toBe("HPE_INVALID_HEADER_TOKEN");
    expect(copied.data).toBe("Bearer [redacted]");
  });

  it("keeps a foreign cause that holds no key as it is", () => {
    const cause = new Error("socket hang up");
    const error = new APIConnectionError("x", { cause });
    redactError(error, secretForms(sentinelKey()));
    expect(error.cause).toBe(cause);
  });
});
