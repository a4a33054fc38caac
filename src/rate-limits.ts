/**
 * The API's documented rate limits, per API key (API.md §3): "about 1 request per second", and
 * one launch per 12 s. No burst is documented, so none is assumed. The client's limiter spaces
 * requests to these numbers and the simulator enforces them, through one algorithm
 * (`internal/cell-rate.ts`), so that a client with default settings never meets a 429 of the
 * simulator's making.
 */
export const RATE_LIMITS = {
  /** Every request: at most one per second, none at once. */
  request: { intervalMs: 1_000, burst: 1 },
  /** `launchInstance`, on top of the request limit: at most one per 12 s. */
  launch: { intervalMs: 12_000, burst: 1 },
} as const;
