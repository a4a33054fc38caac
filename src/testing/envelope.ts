/** The API's response envelopes: `{ data }` on success, `{ error: { code, message, suggestion, request_id } }` on failure. */

const JSON_HEADERS = { "content-type": "application/json" } as const;

import { ErrorCodes } from "../error-codes.js";

/** One problem with a request, as listed in an invalid-parameters message. */
export interface Problem {
  /** Where the problem is, e.g. `"instances[1].region_name"`. */
  readonly path: string;
  /** What is wrong there, e.g. `"must be a string"`. */
  readonly message: string;
}

/**
 * An API error raised by a handler; the simulator turns it into the error envelope.
 * Handlers throw it rather than building responses, so that seeding through `sim.state`
 * reports the same errors as HTTP calls.
 */
export class SimulatorApiError extends Error {
  /** The error's name, always `"SimulatorApiError"` (kept when the error is serialised). */
  override name = "SimulatorApiError";
  /** Builds the error the simulator answers with: its HTTP status, API error code, message, suggestion and extra headers. */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly suggestion?: string,
    readonly headers: Readonly<Record<string, string>> = {},
    /** The problems of a `global/invalid-parameters` error, each with the path of its field. */
    readonly problems?: readonly Problem[],
  ) {
    super(message);
  }
}

/** A 400 `global/invalid-parameters` that lists every problem found. */
export function invalidParameters(problems: readonly Problem[]): SimulatorApiError {
  const listed = problems
    .map((problem) => (problem.path ? `${problem.path}: ${problem.message}` : problem.message))
    .join("; ");
  return new SimulatorApiError(
    400,
    ErrorCodes.invalidParameters,
    `Invalid request parameters: ${listed}.`,
    "Fix the listed parameters and try again.",
    {},
    problems,
  );
}

/** A JSON response with the given status and body. */
export function jsonResponse(body: unknown, status = 200, headers: Readonly<Record<string, string>> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** The success envelope `{ data }`. */
export function dataResponse(data: unknown, status = 200): Response {
  return jsonResponse({ data }, status);
}

/** The error envelope for an error, stamped with a request id. */
export function errorResponse(error: SimulatorApiError, requestId: string): Response {
  const body = {
    error: {
      code: error.code,
      message: error.message,
      suggestion: error.suggestion ?? defaultSuggestion(error.status),
      request_id: requestId,
    },
  };
  return jsonResponse(body, error.status, error.headers);
}

function defaultSuggestion(status: number): string {
  if (status >= 500) return "Try again shortly.";
  if (status === 429) return "Slow down and retry after the time given by Retry-After.";
  return "Check the request against the API reference.";
}
