/**
 * Writes as user actions. Each action (one click, one submitted form) gets a fresh
 * `Idempotency-Key`, sent with its write and kept for retries of that same action, so that a
 * gateway performs it at most once. A failed write whose outcome is known (it was refused
 * before reaching the API) offers "Try again" with the same key; one whose outcome is unknown
 * does not, so that a launch is never sent twice.
 */
import { APIError, type RequestOptions } from "lambda-cloud";
import { IDEMPOTENCY_HEADER } from "./contracts.js";
import { showError } from "./views/notices.js";

/** One user action: the request options (with its idempotency key) that every attempt of it sends. */
export interface UserAction {
  readonly idempotencyKey: string;
  readonly options: RequestOptions;
}

/** A new action with a fresh idempotency key. */
export function newAction(): UserAction {
  const idempotencyKey = crypto.randomUUID();
  return { idempotencyKey, options: { headers: { [IDEMPOTENCY_HEADER]: idempotencyKey } } };
}

/** Codes of refusals that happen before the write reaches the API, so trying again cannot do it twice. */
const REFUSED_BEFORE_SENDING = new Set(["proxy/rate-limited", "proxy/gateway-unavailable", "global/rate-limited"]);

/** Whether a failed write surely did not happen, so that the same action may be tried again. */
export function safeToRetry(error: unknown): boolean {
  return error instanceof APIError && REFUSED_BEFORE_SENDING.has(error.code);
}

/** What {@link performWrite} does with the write's outcome. */
export interface WriteHandlers<T> {
  /** Runs with the answer. */
  readonly done: (result: T) => void | Promise<void>;
  /** Runs with the error before it is shown (e.g. to refresh the catalog after a capacity error). */
  readonly failed?: (error: unknown) => void;
}

/**
 * Performs one write of a user action and shows its error, offering "Try again" (same action,
 * same key) when {@link safeToRetry} says so.
 * @example
 * void performWrite((options) => client.instances.restart(id, options), { done: () => refresh() });
 */
export async function performWrite<T>(
  write: (options: RequestOptions) => Promise<T>,
  handlers: WriteHandlers<T>,
  action: UserAction = newAction(),
): Promise<void> {
  let result: T;
  try {
    result = await write(action.options);
  } catch (error) {
    handlers.failed?.(error);
    showError(
      error,
      safeToRetry(error)
        ? { action: { label: "Try again", run: () => void performWrite(write, handlers, action) } }
        : {},
    );
    return;
  }
  await handlers.done(result);
}
