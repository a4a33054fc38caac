/**
 * Writes through the gateway: ahead of background reads in admission, launches one at a time,
 * at most once per `Idempotency-Key`, never re-sent once sent, recorded in the audit trail,
 * and followed by the invalidation of every cached read they change.
 */
import { resourcesChangedBy } from "../../operations.js";
import { ProxyRejection } from "../errors.js";
import { AdmissionTimeout } from "./admission.js";
import { answerWith, type HeldAnswer, holdRejection } from "./answer.js";
import { auditRecordOf } from "./audit.js";
import type { ReadCache } from "./cache.js";
import { type GatewayRequest, IDEMPOTENT_REPLAY_HEADER } from "./contract.js";
import { gatewayBusy, launchOutcomeUnknown } from "./errors.js";
import { fingerprintOf, type Idempotency, type Settlement } from "./idempotency.js";
import type { GatewayStore } from "./store.js";
import { callUpstream, type UpstreamSettings } from "./upstream.js";

/** What writes need. */
export interface WriteSettings extends UpstreamSettings {
  readonly cache: ReadCache;
  readonly store: GatewayStore;
  readonly idempotency: Idempotency;
  /** Runs launches one after another. */
  readonly serializeLaunch: <T>(task: () => Promise<T>) => Promise<T>;
}

/** Answers one write. */
export async function answerWrite(
  settings: WriteSettings,
  request: GatewayRequest,
  key: string,
  requestId: string,
  signal?: AbortSignal,
): Promise<Response> {
  const send = () => performWrite(settings, request, key, requestId, signal);
  const perform = request.operation.outcomeUnknownOnFailure ? () => settings.serializeLaunch(send) : send;
  if (request.idempotencyKey === undefined) return answerWith((await perform()).answer);
  const fingerprint = fingerprintOf(request.operation.id, request.path, request.body);
  const { answer, replayed } = await settings.idempotency.run(request.idempotencyKey, fingerprint, perform);
  return answerWith(answer, replayed ? { [IDEMPOTENT_REPLAY_HEADER]: "true" } : {});
}

/**
 * Sends the write once and settles it: answered (`done`), sent without a usable answer
 * (`outcome-unknown`: unreachable, or a 5xx), or certainly not performed (429 every time, or no
 * budget in time). A caller who leaves while the write waits for admission withdraws it (it throws the
 * signal's reason, and nothing is sent or recorded); once sent, a write is seen through.
 */
async function performWrite(
  settings: WriteSettings,
  request: GatewayRequest,
  key: string,
  requestId: string,
  signal?: AbortSignal,
): Promise<Settlement> {
  const { operation } = request;
  let answer: HeldAnswer;
  let state: Settlement["state"];
  try {
    answer = await callUpstream(settings, { ...request, priority: "interactive", signal }, key);
    state = answer.status === 429 ? "not-performed" : answer.status >= 500 ? "outcome-unknown" : "done";
  } catch (error) {
    if (error instanceof AdmissionTimeout) {
      answer = await holdRejection(gatewayBusy(error.waitedMs), requestId, settings.now());
      state = "not-performed";
    } else if (error instanceof ProxyRejection) {
      answer = await holdRejection(
        operation.outcomeUnknownOnFailure ? launchOutcomeUnknown() : error,
        requestId,
        settings.now(),
      );
      state = "outcome-unknown";
    } else {
      throw error;
    }
  }
  if (state !== "not-performed") settings.cache.invalidate(resourcesChangedBy(operation));
  const { path, body, caller, idempotencyKey } = request;
  await settings.store.appendAudit(
    auditRecordOf({
      operation,
      path,
      body,
      caller,
      idempotencyKey,
      answer,
      unknown: state === "outcome-unknown",
      time: settings.now(),
    }),
  );
  return { state, answer };
}
