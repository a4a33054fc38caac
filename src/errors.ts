/**
 * The error hierarchy of lambda-cloud.
 *
 * Every error thrown by the client is a {@link LambdaCloudError} ({@link isLambdaCloudError}
 * tells one apart even where `instanceof` cannot). Errors that the API answered are
 * {@link APIError}s: branch on `error.code` (the API's stable code, listed in `ErrorCodes`), never
 * on the message text; each status subclass has its status as a literal type.
 *
 * No error ever carries the API key: every error a call throws passes through one redaction
 * step (`src/transport/redact-error.ts`) that removes it from every string the error holds,
 * and errors never keep the outgoing `Request` (which holds the header).
 */
import { type ErrorCode, ErrorCodes, PROVIDER_ERROR_PREFIX } from "./error-codes.js";

/** One problem found by schema validation: where it is and what is wrong. */
export interface ValidationProblem {
  /** Dotted path of the offending field, e.g. `"tags[0].key"`; `""` for the value itself. */
  readonly path: string;
  /**
   * What is wrong, as a phrase that follows the path (`"is required"`, `"must be an array, not a
   * string"`). It describes what was expected; it never quotes a received value.
   */
  readonly message: string;
}

/**
 * The brand of every lambda-cloud error. `Symbol.for` gives the same symbol in every realm
 * (iframes, `vm` contexts, workers) and to every copy of the package, which `instanceof` cannot see across.
 */
const LAMBDA_CLOUD_ERROR: unique symbol = Symbol.for("lambda-cloud.error");

/**
 * Base class of every error thrown by lambda-cloud, for one `instanceof` check (or
 * {@link isLambdaCloudError}, which also works across realms and duplicated copies of the package).
 */
export class LambdaCloudError extends Error {
  /** The error's name, always `"LambdaCloudError"` (kept when the error is serialised). */
  override name = "LambdaCloudError";

  /** @internal The brand {@link isLambdaCloudError} looks for. */
  get [LAMBDA_CLOUD_ERROR](): true {
    return true;
  }

  /** A plain object for logs: name, message, the error's own fields (headers as an object) and its cause. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [field, value] of Object.entries(this)) {
      if (field !== "name") json[field] = value instanceof Headers ? Object.fromEntries(value) : value;
    }
    const { cause } = this;
    if (cause !== undefined) {
      json.cause =
        cause instanceof Error && !(cause instanceof LambdaCloudError)
          ? { name: cause.name, message: cause.message }
          : cause;
    }
    return json;
  }
}

/**
 * Whether `value` is an error thrown by lambda-cloud (a {@link LambdaCloudError} or a subclass).
 * Unlike `instanceof`, it also recognises errors from another realm (an iframe, a `vm` context) or
 * from another copy of the package (two versions in `node_modules`, or an npm and a JSR copy).
 * @example
 * ```ts
 * try {
 *   await client.instances.list();
 * } catch (error) {
 *   if (isLambdaCloudError(error)) console.error(error.name, error.message);
 *   else throw error;
 * }
 * ```
 */
export function isLambdaCloudError(value: unknown): value is LambdaCloudError {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { [LAMBDA_CLOUD_ERROR]?: unknown })[LAMBDA_CLOUD_ERROR] === true
  );
}

/** An option of the client (or a variable it reads, such as `LAMBDA_CLOUD_BASE_URL`) is invalid; thrown by the constructor. */
export class ConfigurationError extends LambdaCloudError {
  /** The error's name, always `"ConfigurationError"` (kept when the error is serialised). */
  override name = "ConfigurationError";
  /** The option (or environment variable) that is wrong, e.g. `"baseUrl"`. */
  readonly option: string;

  /** Builds the error for the invalid `option`, with `message` saying what is wrong with it. */
  constructor(option: string, message: string) {
    super(`LambdaCloudClient option ${option}: ${message}`);
    this.option = option;
  }
}

/** The fields of an API error envelope `{ error: { code, message, suggestion, request_id } }`. */
export interface APIErrorDetails {
  /** HTTP status of the response. */
  readonly status: number;
  /** The API's error code, e.g. `"global/invalid-parameters"` (see {@link ErrorCodes}); `"http/<status>"` when the body had none. */
  readonly code: string;
  /** The API's message, or a description of the response when the body was not an error envelope. */
  readonly message: string;
  /** The API's suggestion of what to do, when it gave one. */
  readonly suggestion?: string | undefined;
  /** The API's request id; quote it when contacting Lambda support. */
  readonly requestId?: string | undefined;
  /** Response headers. */
  readonly headers: Headers;
  /** Per-field errors (sent by older API versions), keyed by parameter name. */
  readonly fieldErrors?: Readonly<Record<string, { code?: string; message?: string; suggestion?: string }>> | undefined;
  /** Advice of the client's own, appended to the message (e.g. which key provider supplied a rejected key). */
  readonly note?: string | undefined;
}

/** The API answered with an error status. Subclasses narrow it by status or by code. */
export class APIError extends LambdaCloudError {
  /** The error's name, always `"APIError"` (kept when the error is serialised). */
  override name = "APIError";
  /** HTTP status of the response. */
  readonly status: number;
  /** The API's error code, one of {@link ErrorCodes} or another the API added; branch on this. */
  readonly code: ErrorCode;
  /** The API's suggestion of what to do, when it gave one. */
  readonly suggestion: string | undefined;
  /** The API's request id, when it gave one. */
  readonly requestId: string | undefined;
  /** Response headers. */
  readonly headers: Headers;
  /** Per-field errors (older API versions only). */
  readonly fieldErrors: APIErrorDetails["fieldErrors"];

  /** Builds the error from an API error answer's `details`; {@link createAPIError} picks the subclass. */
  constructor(details: APIErrorDetails) {
    super(describeAPIError(details));
    this.status = details.status;
    this.code = details.code;
    this.suggestion = details.suggestion;
    this.requestId = details.requestId;
    this.headers = details.headers;
    this.fieldErrors = details.fieldErrors;
  }
}

function describeAPIError(details: APIErrorDetails): string {
  const parts = [`${details.status} ${details.code}: ${details.message}`];
  if (details.suggestion) parts.push(details.suggestion);
  if (details.requestId) parts.push(`(request id ${details.requestId})`);
  if (details.note) parts.push(details.note);
  return parts.join(" ");
}

/** 400: the request was rejected as invalid (`global/invalid-parameters` and most launch failures). */
export class BadRequestError extends APIError {
  /** The error's name, always `"BadRequestError"` (kept when the error is serialised). */
  override name = "BadRequestError";
  /** Always 400: the client builds this class only for a 400 answer. */
  declare readonly status: 400;
}
/** 401: the API key is missing, invalid, expired or deleted (`global/invalid-api-key`). */
export class AuthenticationError extends APIError {
  /** The error's name, always `"AuthenticationError"` (kept when the error is serialised). */
  override name = "AuthenticationError";
  /** Always 401: the client builds this class only for a 401 answer. */
  declare readonly status: 401;
}
/** 403: the account is inactive, the billing address is invalid, or the key lacks permission. */
export class PermissionDeniedError extends APIError {
  /** The error's name, always `"PermissionDeniedError"` (kept when the error is serialised). */
  override name = "PermissionDeniedError";
  /** Always 403: the client builds this class only for a 403 answer. */
  declare readonly status: 403;
}
/** 404: the resource does not exist or is not visible to this key. */
export class NotFoundError extends APIError {
  /** The error's name, always `"NotFoundError"` (kept when the error is serialised). */
  override name = "NotFoundError";
  /** Always 404: the client builds this class only for a 404 answer. */
  declare readonly status: 404;
}
/** 409: the resource is in a state that conflicts with the request. */
export class ConflictError extends APIError {
  /** The error's name, always `"ConflictError"` (kept when the error is serialised). */
  override name = "ConflictError";
  /** Always 409: the client builds this class only for a 409 answer. */
  declare readonly status: 409;
}
/** 429: too many requests. The client retries these itself before giving up. */
export class RateLimitError extends APIError {
  /** The error's name, always `"RateLimitError"` (kept when the error is serialised). */
  override name = "RateLimitError";
  /** Always 429: the client builds this class only for a 429 answer. */
  declare readonly status: 429;
}
/** 5xx: the API failed. Retried automatically for every method except POST. */
export class InternalServerError extends APIError {
  /** The error's name, always `"InternalServerError"` (kept when the error is serialised). */
  override name = "InternalServerError";
}
/** `ErrorCodes.insufficientCapacity`: no capacity for that type in that region now. */
export class InsufficientCapacityError extends BadRequestError {
  /** The error's name, always `"InsufficientCapacityError"` (kept when the error is serialised). */
  override name = "InsufficientCapacityError";
}
/** `ErrorCodes.quotaExceeded`: the account's quota for this resource is used up. */
export class QuotaExceededError extends BadRequestError {
  /** The error's name, always `"QuotaExceededError"` (kept when the error is serialised). */
  override name = "QuotaExceededError";
}
/** `provider/*`: an upstream provider of Lambda failed. Retryable; it usually clears shortly. */
export class ProviderError extends APIError {
  /** The error's name, always `"ProviderError"` (kept when the error is serialised). */
  override name = "ProviderError";
}

/**
 * The API answered with a redirect, which the client never follows (the Lambda Cloud API does
 * not redirect, so the answer came from something else at `baseUrl`). Nothing was sent to the
 * redirect's target.
 */
export class RedirectError extends APIError {
  /** The error's name, always `"RedirectError"` (kept when the error is serialised). */
  override name = "RedirectError";
  /** The origin the redirect pointed to (scheme, host and port only; `undefined` when the runtime hides it, as browsers do). */
  readonly location: string | undefined;

  /** Builds the error from the redirect answer's `details` and the origin it pointed to. */
  constructor(details: APIErrorDetails & { readonly location: string | undefined }) {
    super(details);
    this.location = details.location;
  }
}

/** The request never got an HTTP answer: DNS, connection refused or reset, TLS, offline. */
export class APIConnectionError extends LambdaCloudError {
  /** The error's name, always `"APIConnectionError"` (kept when the error is serialised). */
  override name = "APIConnectionError";
}

/** Why a request is known not to have been sent. */
export type NotSentReason = "connection-refused" | "name-not-resolved" | "certificate-rejected";

/**
 * The request was certainly not sent: the connection was refused, the host name did not
 * resolve, or the server's TLS certificate was rejected before any byte of the request went
 * out. Nothing reached the API, so nothing was launched or changed.
 */
export class RequestNotSentError extends APIConnectionError {
  /** The error's name, always `"RequestNotSentError"` (kept when the error is serialised). */
  override name = "RequestNotSentError";
  /** What stopped the request before it was sent. */
  readonly reason: NotSentReason;

  /** Builds the error for a request stopped by `reason`, with the runtime's error as `cause`. */
  constructor(reason: NotSentReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/** An attempt took longer than `timeoutMs` and was abandoned. */
export class APITimeoutError extends APIConnectionError {
  /** The error's name, always `"APITimeoutError"` (kept when the error is serialised). */
  override name = "APITimeoutError";
}

/**
 * A launch failed in a way that does not tell whether it reached Lambda Cloud (connection
 * lost, timeout, or a 5xx), and looking for its idempotency tag during the reconciliation window
 * found no instance. An instance may still appear and may be billing. The client never re-sends
 * such a launch; look again with `client.instances.findByIdempotencyToken(error.token)`.
 */
export class LaunchOutcomeUnknownError extends LambdaCloudError {
  /** The error's name, always `"LaunchOutcomeUnknownError"` (kept when the error is serialised). */
  override name = "LaunchOutcomeUnknownError";
  /** The underlying failure: an {@link APIConnectionError}, {@link APITimeoutError} or {@link InternalServerError}. */
  override readonly cause: LambdaCloudError;
  /** The launch's idempotency token (the value of its `lambda-cloud:idempotency` tag), unless it was sent without one. */
  readonly token: string | undefined;

  /** Builds the error for a launch whose `cause` leaves its outcome unknown, with the launch's idempotency `token`. */
  constructor(cause: LambdaCloudError, token?: string) {
    const check = token === undefined ? "list()" : `findByIdempotencyToken("${token}")`;
    super(
      `The launch request failed after it may have reached Lambda Cloud (${cause.message}). ` +
        `An instance may have been launched and may be billing: check with client.instances.${check} before launching again. ` +
        "The client did not retry, to avoid starting a second instance.",
    );
    this.cause = cause;
    this.token = token;
  }
}

/** The API answered 2xx but the body did not match the expected schema. The raw body is kept. */
export class ResponseValidationError extends LambdaCloudError {
  /** The error's name, always `"ResponseValidationError"` (kept when the error is serialised). */
  override name = "ResponseValidationError";
  /** What the API returned (the parsed JSON, or the text when it was not JSON). */
  readonly data: unknown;
  /** Every mismatch, with its path. */
  readonly problems: readonly ValidationProblem[];
  /** The operation whose response failed validation, e.g. `"listInstances"`. */
  readonly operationId: string;

  /** Builds the error for `operationId`'s response `data`, which failed validation with `problems`. */
  constructor(operationId: string, problems: readonly ValidationProblem[], data: unknown) {
    super(
      `The API's response to ${operationId} did not match the expected shape: ${formatProblems(problems)}. ` +
        "The raw response is in error.data; pass validateResponses: false to skip validation.",
    );
    this.operationId = operationId;
    this.problems = problems;
    this.data = data;
  }
}

/** An argument was invalid; nothing was sent. Lists every problem with its path. */
export class RequestValidationError extends LambdaCloudError {
  /** The error's name, always `"RequestValidationError"` (kept when the error is serialised). */
  override name = "RequestValidationError";
  /** Every problem found, with its path. */
  readonly problems: readonly ValidationProblem[];
  /** The operation that was called, e.g. `"launchInstance"`. */
  readonly operationId: string;

  /** Builds the error for the arguments of `operationId`, which failed validation with `problems`. */
  constructor(operationId: string, problems: readonly ValidationProblem[]) {
    super(`Invalid arguments for ${operationId}; nothing was sent: ${formatProblems(problems)}.`);
    this.operationId = operationId;
    this.problems = problems;
  }
}

/** A key provider could not supply a usable key; nothing was sent. Never contains the key. */
export class KeyProviderError extends LambdaCloudError {
  /** The error's name, always `"KeyProviderError"` (kept when the error is serialised). */
  override name = "KeyProviderError";
  /** The provider's name, e.g. `"env:LAMBDA_API_KEY"`. */
  readonly provider: string;

  /** Builds the error for the key `provider`, with `message` saying why it supplied no usable key. */
  constructor(provider: string, message: string, options?: { cause?: unknown }) {
    super(`API key provider ${provider}: ${message}`, options);
    this.provider = provider;
  }
}

/** `waitFor` gave up: the timeout passed, or the instance reached a status it cannot leave. */
export class WaitForStatusError extends LambdaCloudError {
  /** The error's name, always `"WaitForStatusError"` (kept when the error is serialised). */
  override name = "WaitForStatusError";
  /** The instance being waited on. */
  readonly instanceId: string;
  /** The status that was wanted. */
  readonly expected: string;
  /** The last status seen, if any poll succeeded. */
  readonly lastStatus: string | undefined;

  /** Builds the error for `instanceId`, which did not reach the `expected` status (last seen `lastStatus`) for `reason`. */
  constructor(instanceId: string, expected: string, lastStatus: string | undefined, reason: string) {
    super(`Instance ${instanceId} did not become ${expected}: ${reason}`);
    this.instanceId = instanceId;
    this.expected = expected;
    this.lastStatus = lastStatus;
  }
}

/** `"instance_type_name is required; tags[0].key must be a string"`: each path followed by its phrase. */
function formatProblems(problems: readonly ValidationProblem[]): string {
  return problems.map((p) => `${p.path || "the value"} ${p.message}`).join("; ");
}

/** Classes for codes of a 400 answer; a code class keeps its status class's literal `status`. */
const badRequestClassByCode: Readonly<Record<string, typeof BadRequestError>> = {
  [ErrorCodes.insufficientCapacity]: InsufficientCapacityError,
  [ErrorCodes.quotaExceeded]: QuotaExceededError,
};

function errorClassForStatus(status: number): typeof APIError {
  switch (status) {
    case 400:
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 409:
      return ConflictError;
    case 429:
      return RateLimitError;
    default:
      return status >= 500 ? InternalServerError : APIError;
  }
}

/** Builds the most specific {@link APIError} subclass for an error answer: by code first (a 400's code, or `provider/*`), then by status. */
export function createAPIError(details: APIErrorDetails): APIError {
  const ErrorClass = details.code.startsWith(PROVIDER_ERROR_PREFIX)
    ? ProviderError
    : ((details.status === 400 ? badRequestClassByCode[details.code] : undefined) ??
      errorClassForStatus(details.status));
  return new ErrorClass(details);
}

/**
 * `instances.launchWhenAvailable` stopped before it could return an instance: its signal aborted,
 * or `timeoutMs` passed. A launch in flight was settled first, so `instanceId` says what exists.
 */
export class LaunchWhenAvailableError extends LambdaCloudError {
  /** The error's name, always `"LaunchWhenAvailableError"` (kept when the error is serialised). */
  override name = "LaunchWhenAvailableError";
  /** Why it stopped. */
  readonly reason: "aborted" | "timeout";
  /** The instance this call launched (it is billing), or `undefined` when none exists as far as the client knows. */
  readonly instanceId: string | undefined;
  /** The call's idempotency token: `client.instances.findByIdempotencyToken(token)` finds its instance, if one appears. */
  readonly token: string;
  /** Whether an attempt's outcome is still unknown (its instance may yet appear). */
  readonly outcomeUnknown: boolean;

  /** Builds the error for a call that stopped for `reason`, with its `token`, its launched instance and whether an outcome is unknown. */
  constructor(
    reason: "aborted" | "timeout",
    token: string,
    instanceId: string | undefined,
    outcomeUnknown: boolean,
    cause?: unknown,
  ) {
    const what = instanceId
      ? `instance ${instanceId} was launched and is billing: use or terminate it`
      : outcomeUnknown
        ? `a launch's outcome is unknown: check client.instances.findByIdempotencyToken("${token}")`
        : "nothing was launched";
    super(`launchWhenAvailable ${reason === "timeout" ? "timed out" : "was aborted"}; ${what}.`, { cause });
    this.reason = reason;
    this.token = token;
    this.instanceId = instanceId;
    this.outcomeUnknown = outcomeUnknown;
  }
}
