/**
 * One call's observations for the hooks: which attempt is in flight, since when, and what it
 * answered. The transport reports each step; this turns the steps into hook events.
 */
import { APIError, type LambdaCloudError } from "../errors.js";
import type { OperationSpec } from "../operation-schemas.js";
import type { CallEvent, ClientHooks } from "./hooks.js";
import { redactText } from "./redact.js";

const now = (): number => globalThis.performance.now();

/** Follows one call from its first attempt to its result. */
export class CallTrace {
  readonly #hooks: Required<ClientHooks>;
  readonly #operation: OperationSpec;
  readonly #startedAt = now();
  #attemptStartedAt = this.#startedAt;
  #attempt = 0;
  #status: number | undefined;
  #requestId: string | undefined;
  /** Every form of the key the call sent, removed from the request id a response header gives. */
  readonly #secrets: readonly string[];
  /** The request path, once it is built. */
  path: string;

  constructor(operation: OperationSpec, hooks: Required<ClientHooks>, secrets: readonly string[]) {
    this.#operation = operation;
    this.#hooks = hooks;
    this.#secrets = secrets;
    this.path = operation.path;
  }

  /** An attempt is being sent. */
  sending(): void {
    this.#attempt += 1;
    this.#attemptStartedAt = now();
    this.#hooks.onRequest(this.#event());
  }

  /** The attempt in flight got response headers. */
  answered(response: Response): void {
    this.#status = response.status;
    const requestId = response.headers.get("x-request-id");
    this.#requestId = requestId === null ? undefined : redactText(requestId, this.#secrets);
    this.#hooks.onResponse({ ...this.#event(), status: this.#status, durationMs: now() - this.#attemptStartedAt, requestId: this.#requestId });
  }

  /** The attempt in flight failed with `error` (already mapped and redacted) and will be retried. */
  retrying(error: LambdaCloudError): void {
    const failed = this.#failure(error);
    this.#hooks.onRetry({ ...this.#event(), ...failed, attempt: this.#attempt + 1, durationMs: now() - this.#attemptStartedAt, error });
    this.#status = undefined;
    this.#requestId = undefined;
  }

  /** The call rejects with `error`. */
  failed(error: unknown): void {
    this.#hooks.onError({ ...this.#event(), ...this.#failure(error), durationMs: now() - this.#startedAt, error });
  }

  #event(): CallEvent {
    return { operationId: this.#operation.id, method: this.#operation.method, path: this.path, attempt: this.#attempt };
  }

  #failure(error: unknown): { status: number | undefined; requestId: string | undefined } {
    if (error instanceof APIError) return { status: error.status, requestId: error.requestId ?? this.#requestId };
    return { status: this.#status, requestId: this.#requestId };
  }
}
