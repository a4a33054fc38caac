/**
 * Turns what ky throws into lambda-cloud's errors: API answers into the most specific
 * {@link APIError}, redirects into {@link RedirectError}, connections that certainly sent
 * nothing (refused, unresolved, certificate rejected) into {@link RequestNotSentError}, other
 * lost connections and timeouts into connection errors, and any failure of a launch that may
 * have reached the server into {@link LaunchOutcomeUnknownError}. The key is removed afterwards,
 * by the transport's one redaction step (`redact-error.ts`); only body snippets are redacted
 * here, before they are cut.
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
  type NotSentReason,
  RequestNotSentError,
} from "../errors.js";
import type { OperationSpec } from "../operation-schemas.js";
import { ErrorEnvelopeSchema } from "../schemas/errors.js";
import { notSentReason } from "./not-sent.js";
import { redactText } from "./redact.js";
import { isRedirect, redirectError } from "./redirect.js";

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
    (mapped instanceof APIConnectionError && !(mapped instanceof RequestNotSentError)) ||
    mapped instanceof InternalServerError;
  return context.operation.outcomeUnknownOnFailure && mayHaveReachedServer
    ? new LaunchOutcomeUnknownError(mapped)
    : mapped;
}

function mapKyError(error: unknown, context: ErrorContext): unknown {
  const { operation } = context;
  if (error instanceof HTTPError && isRedirect(error.response)) return redirectError(error.response, operation.id);
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
        `${operation.id}: ${NOT_SENT[reason].what} (${describe(cause)}), so the request was never sent and nothing ` +
          `was ${operation.outcomeUnknownOnFailure ? "launched" : "changed"}. ${NOT_SENT[reason].advice}`,
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

/** What stopped a request that was never sent, and what to do about it. */
const NOT_SENT: Readonly<Record<NotSentReason, { what: string; advice: string }>> = {
  "connection-refused": {
    what: "the connection was refused",
    advice:
      "Check the baseUrl option and that the API (or proxy, or simulator) is running there; it is safe to try again.",
  },
  "name-not-resolved": {
    what: "the host name did not resolve",
    advice: "Check the host in the baseUrl option and the network's DNS; it is safe to try again.",
  },
  "certificate-rejected": {
    what: "the server's TLS certificate was rejected",
    advice:
      "Check that baseUrl names the right host; for a proxy of your own, give it a certificate the runtime trusts " +
      "(Node: NODE_EXTRA_CA_CERTS) or use http:// on loopback.",
  },
};

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
