/**
 * Turning any error into an exit code and the stable JSON shape printed on stderr:
 * `{ "error": { type, code, message, suggestion, request_id, status, exit_code, ...details } }`.
 */
import {
  APIError,
  ConfigurationError,
  InsufficientCapacityError,
  KeyProviderError,
  LaunchOutcomeUnknownError,
  LaunchWhenAvailableError,
  NotFoundError,
  RequestValidationError,
} from "lambda-cloud";
import { CliError, ExitCode } from "./errors.ts";

/** The `error` object of the JSON printed on stderr. Every key is always present (null when unknown), so scripts can rely on it. */
export interface ErrorReport {
  /** The error class, e.g. `"NotFoundError"`, `"UsageError"`. */
  readonly type: string;
  /** The API's error code (`"global/object-does-not-exist"`) or the CLI's own (`"cli/usage"`); null for other failures. */
  readonly code: string | null;
  readonly message: string;
  readonly suggestion: string | null;
  /** The API's request id, to quote to Lambda support. */
  readonly request_id: string | null;
  /** The HTTP status, when the API answered. */
  readonly status: number | null;
  readonly exit_code: number;
  readonly [detail: string]: unknown;
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof InsufficientCapacityError) return ExitCode.noCapacity;
  if (error instanceof LaunchWhenAvailableError)
    return error.reason === "aborted" ? ExitCode.interrupted : ExitCode.noCapacity;
  if (error instanceof NotFoundError) return ExitCode.notFound;
  if (
    error instanceof RequestValidationError ||
    error instanceof ConfigurationError ||
    error instanceof KeyProviderError
  )
    return ExitCode.usage;
  return ExitCode.apiError;
}

/** The fields every report has, in the order they are printed. */
function report(
  error: unknown,
  fields: {
    type: string;
    code: string | null;
    message: string;
    suggestion?: string | undefined;
    request_id?: string | undefined;
    status?: number | undefined;
  },
  details: Readonly<Record<string, unknown>> = {},
): ErrorReport {
  const { type, code, message, suggestion, request_id, status } = fields;
  return {
    type,
    code,
    message,
    suggestion: suggestion ?? null,
    request_id: request_id ?? null,
    status: status ?? null,
    exit_code: exitCodeOf(error),
    ...details,
  };
}

/** The report of an error, whatever threw it. */
export function reportOf(error: unknown): ErrorReport {
  if (error instanceof CliError)
    return report(
      error,
      { type: error.name, code: error.code, message: error.message, suggestion: error.suggestion },
      error.details,
    );
  if (error instanceof APIError) {
    const { name: type, code, message, suggestion, requestId: request_id, status } = error;
    return report(error, { type, code, message, suggestion, request_id, status });
  }
  if (error instanceof LaunchOutcomeUnknownError)
    return report(error, { type: error.name, code: null, message: error.message }, { token: error.token ?? null });
  if (error instanceof LaunchWhenAvailableError) return findReport(error);
  if (error instanceof Error) return report(error, { type: error.name || "Error", code: null, message: error.message });
  return report(error, { type: "Error", code: null, message: String(error) });
}

/** `find` stopped (Ctrl+C or `--timeout`): what exists, and what to do about it. */
function findReport(error: LaunchWhenAvailableError): ErrorReport {
  const { instanceId, token, outcomeUnknown, reason } = error;
  const code = reason === "aborted" ? "cli/interrupted" : "cli/no-capacity";
  const suggestion = instanceId
    ? `Terminate it with: lambda-cloud instances terminate ${instanceId}`
    : outcomeUnknown
      ? `An instance tagged lambda-cloud:idempotency=${token} may still appear: check lambda-cloud instances list.`
      : reason === "timeout"
        ? "Widen the search (more types or regions, a higher --max-price) or raise --timeout."
        : undefined;
  return report(
    error,
    { type: error.name, code, message: error.message, suggestion },
    { reason, instance_id: instanceId ?? null, token, outcome_unknown: outcomeUnknown },
  );
}
