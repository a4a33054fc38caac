/**
 * When a failed attempt is retried, and how long to wait. ky applies these settings; the
 * decisions themselves are plain functions so that they can be read and tested alone.
 */
import { HTTPError, NetworkError, type RetryOptions } from "ky";
import { PROVIDER_ERROR_PREFIX } from "../error-codes.js";
import type { NotSentReason } from "../errors.js";
import { notSentReason } from "./not-sent.js";

/** Statuses that are retried (for POST only 429, which the server refused before doing anything). */
export const RETRYABLE_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];

/** The first backoff step; each further retry doubles it, up to {@link BACKOFF_CAP_MS}. */
export const BACKOFF_BASE_MS = 500;
/** The longest computed backoff between two attempts. */
export const BACKOFF_CAP_MS = 8_000;
/** The longest wait a `Retry-After` header can impose; longer values are cut to this. */
export const RETRY_AFTER_CAP_MS = 60_000;

/** Exponential backoff before jitter: 500 ms, 1 s, 2 s, 4 s, then 8 s. */
export function backoffDelay(attempt: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
}

/**
 * Decides one retry, on top of ky's defaults: `false` forbids it, `true` forces it, and
 * `undefined` lets ky retry network errors, timeouts and {@link RETRYABLE_STATUSES}, waiting
 * for `Retry-After` when the response has one.
 *
 * - POST is retried only on 429 and on connections that certainly sent nothing and may work
 *   next time (refused, name not resolved): any other failure may have happened after the
 *   server acted. A rejected certificate is not retried by any method: it will not change.
 * - `provider/*` error codes are retried whatever their status.
 */
export function shouldRetry(method: string, error: Error): boolean | undefined {
  const status = error instanceof HTTPError ? error.response.status : undefined;
  const notSent: NotSentReason | undefined = error instanceof NetworkError ? notSentReason(error) : undefined;
  if (notSent === "certificate-rejected") return false;
  if (method === "POST") return status === 429 || notSent ? undefined : false;
  if (status !== undefined && !RETRYABLE_STATUSES.includes(status) && isProviderError(error as HTTPError)) return true;
  return undefined;
}

function isProviderError(error: HTTPError): boolean {
  const code = (error.data as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === "string" && code.startsWith(PROVIDER_ERROR_PREFIX);
}

/** ky retry settings for one request. */
export function retryOptions(method: string, maxRetries: number): RetryOptions {
  return {
    limit: maxRetries,
    methods: ["get", "put", "patch", "delete", "post"],
    statusCodes: [...RETRYABLE_STATUSES],
    afterStatusCodes: [...RETRYABLE_STATUSES],
    maxRetryAfter: RETRY_AFTER_CAP_MS,
    backoffLimit: BACKOFF_CAP_MS,
    delay: backoffDelay,
    jitter: true,
    retryOnTimeout: true,
    shouldRetry: ({ error }) => shouldRetry(method, error),
  };
}
