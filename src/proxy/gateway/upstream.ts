/**
 * The gateway's upstream calls, through the proxy's forwarding code (`sendUpstream`: URL,
 * headers with the key, redirect refusal), after admission, with 429s honoured for everyone.
 */
import type { OperationRoute } from "../../operations.js";
import { sendUpstream } from "../forward.js";
import { upstreamRequestHeaders } from "../headers.js";
import type { Admission, QueuePlace } from "./admission.js";
import { type HeldAnswer, holdAnswer, retryAfterMs } from "./answer.js";
import type { GatewayPriority } from "./contract.js";

/** How many times a call is sent while the upstream answers 429 (admission pauses in between). */
const ATTEMPTS_AFTER_429 = 3;

/** How long admission pauses after a 429 that names no `Retry-After`. */
const DEFAULT_PAUSE_MS = 1_000;

/** What the gateway's upstream calls need. */
export interface UpstreamSettings {
  readonly upstream: string;
  readonly fetch: typeof globalThis.fetch;
  readonly admission: Admission;
  readonly now: () => number;
}

/** One call to make. */
export interface GatewayCall {
  readonly operation: OperationRoute;
  readonly path: string;
  readonly body: Uint8Array | undefined;
  readonly priority: GatewayPriority;
  /** Filled in while the call waits for admission, to promote it. */
  readonly place?: QueuePlace | undefined;
  /** Withdraws the call while it waits for admission (once sent, it is not aborted). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Waits for admission, sends the call and reads its answer whole. A 429 pauses admission for
 * everyone until its `Retry-After`, and the call is sent again after the pause (a 429 was
 * refused before anything was done; the client retries POSTs on it too), up to 3 times in all;
 * then the 429 is returned.
 * @throws {AdmissionTimeout} when not admitted in time, or the signal's reason when it aborts first; nothing was sent.
 * @throws {ProxyRejection} 502 when the upstream could not be reached (it may have received the call).
 */
export async function callUpstream(settings: UpstreamSettings, call: GatewayCall, key: string): Promise<HeldAnswer> {
  for (let attempt = 1; ; attempt += 1) {
    const answer = await callOnce(settings, call, key);
    if (answer.status !== 429 || attempt === ATTEMPTS_AFTER_429) return answer;
  }
}

async function callOnce(settings: UpstreamSettings, call: GatewayCall, key: string): Promise<HeldAnswer> {
  const { operation, path, body, priority, place, signal } = call;
  await settings.admission.admit(operation.outcomeUnknownOnFailure ? "launch" : "request", priority, signal, place);
  const headers = upstreamRequestHeaders(key, body !== undefined);
  const answer = await sendUpstream({
    upstream: settings.upstream,
    fetch: settings.fetch,
    method: operation.method,
    path,
    headers,
    body: body as Uint8Array<ArrayBuffer> | undefined,
  });
  if (answer.status === 429)
    settings.admission.pauseUntil(settings.now() + retryAfterMs(answer.headers, settings.now(), DEFAULT_PAUSE_MS));
  return holdAnswer(answer, key, settings.now());
}
