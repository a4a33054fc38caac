/**
 * Turns what ky throws into lambda-cloud's errors: API answers into the most specific
 * {@link APIError}, redirects into {@link RedirectError}, connections that were refused or
 * never resolved into {@link RequestNotSentError}, other lost connections and timeouts into
 * connection errors, and any failure of a launch that may have reached the server into
 * {@link LaunchOutcomeUnknownError}. The key is removed afterwards, by the transport's one
 * redaction step (`redact-error.ts`); only body snippets are redacted here, before they are cut.
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
  RedirectError,
  RequestNotSentError,
} from "../errors.js";
import type { OperationSpec } from "../operation-schemas.js";
import { ErrorEnvelopeSchema } from "../schemas/errors.js";
import { notSentReason } from "./not-sent.js";
import { redactText } from "./redact.js";

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
  /** Every form of the key that was sent, to be removed from body snippets before they are cut. */
  readonly secrets: readonly string[];
  /** The per-attempt timeout that applied. */
  readonly timeoutMs: number;
}

const SNIPPET_LENGTH = 200;

/** Maps an error thrown by ky; anything else (validation, key provider, abort) is returned as is. */
export function mapError(error: unknown, context: ErrorContext): unknown {
  const mapped = mapKyError(error, context);
  const mayHaveReachedServer =
    (mapped instanceof APIConnectionError && !(mapped instanceof RequestNotSentError)) || mapped instanceof InternalServerError;
  return context.operation.outcomeUnknownOnFailure && mayHaveReachedServer ? new LaunchOutcomeUnknownError(mapped) : mapped;
}

function mapKyError(error: unknown, context: ErrorContext): unknown {
  const { operation } = context;
  if (error instanceof HTTPError && isRedirect(error.response)) return redirectError(error.response, context);
  if (error instanceof HTTPError) return createAPIError(detailsFromResponse(error, context));
  if (error instanceof TimeoutError) {
    return new APITimeoutError(
      `${operation.id}: no response within ${context.timeoutMs} ms. Raise timeoutMs if the API is slow, or check the network.`,
    );
  }
  if (error instanceof NetworkError) {
    const cause = innermostCause(error);
    const reason = notSentReason(error);
    if (reason) {
      return new RequestNotSentError(
        reason,
        `${operation.id}: ${NOT_SENT_WORDS[reason]} (${describe(cause)}), so the request was never sent and nothing ` +
          `was ${operation.outcomeUnknownOnFailure ? "launched" : "changed"}. Check the baseUrl option and that the API (or proxy) is running; ` +
          "it is safe to try again.",
        { cause },
      );
    }
    return new APIConnectionError(
      `${operation.id}: could not reach the Lambda Cloud API (${describe(cause)}). ` +
        "Check the network connection and the baseUrl option.",
      { cause },
    );
  }
  return error;
}

const DEFAULT_BASE_URL_HINT = "https://cloud.lambda.ai/api/v1";

const NOT_SENT_WORDS = {
  "connection-refused": "the connection was refused",
  "name-not-resolved": "the host name did not resolve",
} as const;

/** A 3xx, or the `opaqueredirect` answer browsers give for one under `redirect: "manual"`. */
function isRedirect(response: Response): boolean {
  return response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400);
}

function redirectError(response: Response, context: ErrorContext): RedirectError {
  const location = locationOrigin(response);
  const headers = new Headers(response.headers);
  headers.delete("location"); // its path and query may hold tokens; the origin is in error.location
  const status = response.type === "opaqueredirect" ? "a redirect" : `${response.status}, a redirect`;
  return new RedirectError({
    status: response.status,
    code: `http/${response.status}`,
    message:
      `${context.operation.id}: the server at baseUrl answered ${status}${location ? ` to ${location}` : ""}. ` +
      "The Lambda Cloud API never redirects, so the client did not follow it and sent nothing there. " +
      `Check the baseUrl option: it must point at the API (${DEFAULT_BASE_URL_HINT}) or at a proxy or simulator that answers itself.`,
    headers,
    location,
  });
}

/** The origin of the `Location` header (no path, query or credentials), resolved against the response URL. */
function locationOrigin(response: Response): string | undefined {
  const location = response.headers.get("location");
  if (!location) return undefined;
  if (!URL.canParse(location, response.url || undefined)) return URL.canParse(location, "http://x") ? "a path on the same server" : undefined;
  return new URL(location, response.url || undefined).origin;
}

function detailsFromResponse(error: HTTPError, context: ErrorContext): APIErrorDetails {
  const { response } = error;
  const { secrets } = context;
  const common = {
    status: response.status,
    headers: response.headers,
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
      code: body.code,
      message: body.message,
      suggestion: body.suggestion || undefined,
      requestId: body.request_id ?? undefined,
      fieldErrors: body.field_errors,
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

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === "string" ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
}
