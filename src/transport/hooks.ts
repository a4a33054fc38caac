/**
 * The client's hooks: what a call tells observers (tracing, logging, metrics) about each attempt,
 * and the one place that calls them. An event never holds the key, a request or a header: only
 * the operation, the attempt, timings, the status and the API's request id.
 */
import type { LambdaCloudError } from "../errors.js";
import type { HttpMethod } from "../operations.js";

/** What every event of a call says. */
export interface CallEvent {
  /** Tells the calls apart: every event of one call has the same number, unique in the process. */
  readonly callId: number;
  /** The operation's id in the table, e.g. `"listInstances"`. */
  readonly operationId: string;
  /** The operation's HTTP method. */
  readonly method: HttpMethod;
  /** The request path under the base URL, with its ids filled in, e.g. `"/instances/0920…"`; no query. */
  readonly path: string;
  /** The attempt this event is about, from 1; `0` in `onError` when nothing was sent. */
  readonly attempt: number;
}

/** An attempt is about to be sent (the rate limiter has let it through). */
export type RequestEvent = CallEvent;

/** An attempt got an HTTP answer, of any status (a 503 that will be retried too). */
export interface ResponseEvent extends CallEvent {
  /** The HTTP status of the answer. */
  readonly status: number;
  /** Milliseconds from sending this attempt to its response headers. */
  readonly durationMs: number;
  /** The API's id for the request (`x-request-id`, or the error body's `request_id`), when it gave one. */
  readonly requestId: string | undefined;
}

/** An attempt failed and the next one is about to be sent (after the backoff wait). */
export interface RetryEvent extends CallEvent {
  /** The failed attempt's status, or `undefined` after a network error or a timeout. */
  readonly status: number | undefined;
  /** Milliseconds the failed attempt took. */
  readonly durationMs: number;
  /** The API's id for the failed attempt's request, when it gave one. */
  readonly requestId: string | undefined;
  /** Why the attempt failed, as the call would have thrown it (redacted like every error). */
  readonly error: LambdaCloudError;
}

/** The call failed: `error` is what it rejects with. */
export interface ErrorEvent extends CallEvent {
  /** The last attempt's status, or `undefined` when none answered. */
  readonly status: number | undefined;
  /** Milliseconds from the start of the call (rate-limiter waits and retries included). */
  readonly durationMs: number;
  /** The API's id for the last attempt's request, when it gave one. */
  readonly requestId: string | undefined;
  /** What the call rejects with (an abort's reason is passed as it is). */
  readonly error: unknown;
}

/**
 * Observers of every call the client makes. Hooks are called synchronously and not awaited, so
 * they cannot delay or change a call; one that throws (or returns a promise that rejects) is
 * ignored, and reported through `logger.warn` when a `logLevel` is set.
 * @example
 * ```ts
 * new LambdaCloudClient({
 *   hooks: { onResponse: ({ operationId, status, durationMs }) => metrics.record(operationId, status, durationMs) },
 * });
 * ```
 */
export interface ClientHooks {
  /** Before each attempt is sent. */
  readonly onRequest?: ((event: RequestEvent) => unknown) | undefined;
  /** When an attempt gets an HTTP answer (of any status). */
  readonly onResponse?: ((event: ResponseEvent) => unknown) | undefined;
  /** Before an attempt after a failed one. */
  readonly onRetry?: ((event: RetryEvent) => unknown) | undefined;
  /** When a call fails, once, with the error it rejects with. */
  readonly onError?: ((event: ErrorEvent) => unknown) | undefined;
}

/** The hook names, for the option check. */
export const HOOK_NAMES: readonly (keyof ClientHooks)[] = ["onRequest", "onResponse", "onRetry", "onError"];

/** Called with a hook's failure; it must not throw. */
export type HookFailureReporter = (hook: keyof ClientHooks, error: unknown) => void;

/**
 * Calls each set of hooks in turn, so that one that throws disturbs neither the call nor the
 * other sets.
 */
export function combineHooks(
  sets: readonly (ClientHooks | undefined)[],
  reportFailure: HookFailureReporter,
): Required<ClientHooks> {
  const present = sets.filter((set): set is ClientHooks => set !== undefined);
  const dispatch =
    <Name extends keyof ClientHooks>(name: Name) =>
    (event: Parameters<NonNullable<ClientHooks[Name]>>[0]): void => {
      for (const set of present) {
        const hook = set[name] as ((event: unknown) => unknown) | undefined;
        if (!hook) continue;
        try {
          const result = hook(event);
          if (result instanceof Promise) result.catch((error: unknown) => reportFailure(name, error));
        } catch (error) {
          reportFailure(name, error);
        }
      }
    };
  return {
    onRequest: dispatch("onRequest"),
    onResponse: dispatch("onResponse"),
    onRetry: dispatch("onRetry"),
    onError: dispatch("onError"),
  };
}
