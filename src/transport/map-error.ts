/**
 * Turns what ky throws into lambda-cloud's errors: API answers into the most specific
 * {@link APIError}, lost connections and timeouts into connection errors, and any failure
 * of a launch that may have reached the server into {@link LaunchOutcomeUnknownError}.
 * Every string taken from the server has the key removed.
 */
import { HTTPError, NetworkError, TimeoutError } from "ky";
import * as v from "valibot";
import {
  APIConnectionError,
  type APIErrorDetails,
  APITimeoutError,
  createAPIError,
  InternalServerError,
  LaunchOutcomeUnknownError,
} from "../errors.js";
import type { OperationSpec } from "../operation-schemas.js";
import { ErrorEnvelopeSchema } from "../schemas/errors.js";
import { redactHeaders, redactText, redactValue } from "./redact.js";

/** A body that claimed to be JSON but did not parse; keeps the text for error messages. */
export class UnparsedBody {
  constructor(readonly text: string) {}
}

/** Parses JSON without throwing: malformed text becomes an {@link UnparsedBody}. */
export function parseJsonLeniently(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return new UnparsedBody(text);
  }
}

/** What the mapping needs to know about the failed call. */
export interface ErrorContext {
  readonly operation: OperationSpec;
  /** Name of the key provider, for 401 advice; `undefined` when the client sends no key. */
  readonly keyProviderName: string | undefined;
  /** Every form of the key that was sent, to be removed from server text. */
  readonly secrets: readonly string[];
  /** The per-attempt timeout that applied. */
  readonly timeoutMs: number;
}

const SNIPPET_LENGTH = 200;

/** Maps an error thrown by ky; anything else (validation, key provider, abort) is returned as is. */
export function mapError(error: unknown, context: ErrorContext): unknown {
  const mapped = mapKyError(error, context);
  const mayHaveReachedServer = mapped instanceof APIConnectionError || mapped instanceof InternalServerError;
  return context.operation.outcomeUnknownOnFailure && mayHaveReachedServer ? new LaunchOutcomeUnknownError(mapped) : mapped;
}

function mapKyError(error: unknown, context: ErrorContext): unknown {
  const { operation, secrets } = context;
  if (error instanceof HTTPError) return createAPIError(detailsFromResponse(error, context));
  if (error instanceof TimeoutError) {
    return new APITimeoutError(
      `${operation.id}: no response within ${context.timeoutMs} ms. Raise timeoutMs if the API is slow, or check the network.`,
    );
  }
  if (error instanceof NetworkError) {
    const cause = redactError(innermostCause(error), secrets);
    return new APIConnectionError(
      `${operation.id}: could not reach the Lambda Cloud API (${describe(cause)}). ` +
        "Check the network connection and the baseUrl option.",
      { cause },
    );
  }
  return error;
}

function detailsFromResponse(error: HTTPError, context: ErrorContext): APIErrorDetails {
  const { response } = error;
  const { secrets } = context;
  const common = {
    status: response.status,
    headers: redactHeaders(response.headers, secrets),
    note:
      response.status === 401 && context.keyProviderName
        ? `The key came from ${context.keyProviderName}; check that it is current, or create one at https://cloud.lambda.ai/api-keys.`
        : undefined,
  };
  const envelope = v.safeParse(ErrorEnvelopeSchema, error.data);
  if (envelope.success) {
    const body = envelope.output.error;
    return {
      ...common,
      code: redactText(body.code, secrets),
      message: redactText(body.message, secrets),
      suggestion: body.suggestion ? redactText(body.suggestion, secrets) : undefined,
      requestId: body.request_id ?? undefined,
      fieldErrors: body.field_errors && (redactValue(body.field_errors, secrets) as APIErrorDetails["fieldErrors"]),
    };
  }
  return {
    ...common,
    code: `http/${response.status}`,
    message: `${context.operation.id}: the API answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""} ${describeBody(error.data, response, secrets)}.`,
  };
}

function describeBody(data: unknown, response: Response, secrets: readonly string[]): string {
  const contentType = response.headers.get("content-type") ?? "no content type";
  if (data === undefined || data === "") return "with an empty body";
  if (data instanceof UnparsedBody) return `with a body that is not valid JSON: ${snippet(data.text, secrets)}`;
  if (typeof data === "string") return `with a non-JSON body (${contentType}): ${snippet(data, secrets)}`;
  return `with JSON that is not an error envelope: ${snippet(JSON.stringify(data), secrets)}`;
}

/** The first bytes of a body, on one line, quoted, with secrets removed. */
export function snippet(text: string, secrets: readonly string[]): string {
  const oneLine = redactText(text, secrets).replace(/\s+/g, " ").trim();
  return JSON.stringify(oneLine.length > SNIPPET_LENGTH ? `${oneLine.slice(0, SNIPPET_LENGTH)}…` : oneLine);
}

function innermostCause(error: Error): unknown {
  let current: unknown = error;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  return current;
}

/** The error itself when it holds no secret; otherwise a copy with the secret removed from its message and stack. */
function redactError(cause: unknown, secrets: readonly string[]): unknown {
  if (!(cause instanceof Error)) return typeof cause === "string" ? redactText(cause, secrets) : cause;
  const text = `${cause.message}\n${cause.stack ?? ""}`;
  if (redactText(text, secrets) === text) return cause;
  const copy = new Error(redactText(cause.message, secrets));
  copy.name = cause.name;
  copy.stack = redactText(cause.stack ?? "", secrets);
  const code = (cause as { code?: unknown }).code;
  return typeof code === "string" ? Object.assign(copy, { code }) : copy;
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === "string" ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
}
