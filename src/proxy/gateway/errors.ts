/**
 * The answers the gateway gives itself, in the proxy's error envelope.
 */
import { ProxyRejection } from "../errors.js";

/** Waiting for upstream budget took too long; nothing was sent. */
export function gatewayBusy(waitedMs: number): ProxyRejection {
  return new ProxyRejection(
    503,
    "proxy/gateway-busy",
    "The API's rate limit for this key is spent, and nothing cached could answer this request.",
    "Try again in a few seconds; reads that were answered before are served from the cache meanwhile.",
    { headers: { "retry-after": "2" }, detail: `not admitted within ${waitedMs} ms` },
  );
}

/** A launch was sent, but no answer came back. */
export function launchOutcomeUnknown(): ProxyRejection {
  return new ProxyRejection(
    502,
    "proxy/launch-outcome-unknown",
    "The launch was sent to the Lambda Cloud API, but its answer was lost: instances may or may not have been launched.",
    "List your instances before launching again; the gateway will not send this launch again.",
    { detail: "upstream unreachable after the launch was sent" },
  );
}

/** Another request with this idempotency key is being performed elsewhere. */
export function idempotencyInProgress(): ProxyRejection {
  return new ProxyRejection(
    409,
    "proxy/idempotency-in-progress",
    "A request with this Idempotency-Key is still being performed.",
    "Wait a moment and send the same request with the same key again to get its answer.",
    { headers: { "retry-after": "1" } },
  );
}

/** The idempotency key was used before for a different request. */
export function idempotencyKeyReused(): ProxyRejection {
  return new ProxyRejection(
    422,
    "proxy/idempotency-key-reused",
    "This Idempotency-Key was already used for a different request.",
    "Send a fresh Idempotency-Key for each new action; reuse one only to retry the very same request.",
  );
}
