/**
 * One call's observations for the hooks: which attempt is in flight, since when, and what it
 * answered. The transport reports each step; this turns the steps into hook events.
 */
import { APIError, type LambdaCloudError } from "../errors.js";
import type { OperationSpec } from "../operation-schemas.js";
import type { CallEvent, ClientHooks } from "./hooks.js";
import { redactText } from "./redact.js";

/** The steps of one call that the transport reports. */
export interface CallTrace {
  /** The request path, once it is built. */
  path: string;
  /** An attempt is being sent. */
  sending(): void;
  /** The attempt in flight got response headers. */
  answered(response: Response): void;
  /** The attempt in flight failed with `error` (already mapped and redacted) and will be retried. */
  retrying(error: LambdaCloudError): void;
  /** The call rejects with `error`. */
  failed(error: unknown): void;
}

const now = (): number => performance.now();
const ignore = (): void => {};
let lastCallId = 0;

/**
 * Follows one call from its first attempt to its result. `secrets` (every form of the key the
 * call sent, filled in as it is read) are removed from the request id a response header gives.
 * Without `hooks` nobody observes the call: its steps are ignored and no event is built.
 */
export function traceCall(
  operation: OperationSpec,
  hooks: Required<ClientHooks> | undefined,
  secrets: readonly string[],
): CallTrace {
  if (!hooks) return { path: operation.path, sending: ignore, answered: ignore, retrying: ignore, failed: ignore };
  const callId = ++lastCallId;
  const startedAt = now();
  let attemptStartedAt = startedAt;
  let attempt = 0;
  let status: number | undefined;
  let requestId: string | undefined;
  const event = (): CallEvent => ({
    callId,
    operationId: operation.id,
    method: operation.method,
    path: trace.path,
    attempt,
  });
  const failure = (error: unknown) =>
    error instanceof APIError
      ? { status: error.status, requestId: error.requestId ?? requestId }
      : { status, requestId };
  const trace: CallTrace = {
    path: operation.path,
    sending() {
      attempt += 1;
      attemptStartedAt = now();
      hooks.onRequest(event());
    },
    answered(response) {
      status = response.status;
      const header = response.headers.get("x-request-id");
      requestId = header === null ? undefined : redactText(header, secrets);
      hooks.onResponse({ ...event(), status, durationMs: now() - attemptStartedAt, requestId });
    },
    retrying(error) {
      hooks.onRetry({
        ...event(),
        ...failure(error),
        attempt: attempt + 1,
        durationMs: now() - attemptStartedAt,
        error,
      });
      status = requestId = undefined;
    },
    failed(error) {
      hooks.onError({ ...event(), ...failure(error), durationMs: now() - startedAt, error });
    },
  };
  return trace;
}
