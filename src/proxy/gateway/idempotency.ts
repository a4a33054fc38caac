/**
 * Writes with an `Idempotency-Key` happen at most once for 24 hours: the first claims the key
 * in the store, duplicates get its answer (`idempotent-replayed: true`), a duplicate that
 * arrives while the first is still running waits for it here (or gets 409 when the first runs
 * in no process that could tell it), and a write whose outcome is unknown is never sent again.
 */

import { idempotencyInProgress, idempotencyKeyReused } from "./errors.js";
import { createSerializer } from "./serializer.js";
import type { IdempotencyRecord, StoredAnswer } from "./store.js";
import { type GatewayStore, IDEMPOTENCY_TTL_MS } from "./store.js";

/** How a performed write ended, for its record: `not-performed` frees the key for a retry. */
export interface Settlement {
  readonly state: "done" | "outcome-unknown" | "not-performed";
  readonly answer: StoredAnswer;
}

/** The idempotency of one gateway. */
export interface Idempotency {
  /**
   * Performs the write once per key: `perform` runs only if no record of `key` exists. Keys are
   * claimed in the order `run` is called, so of two requests with one key the first to arrive
   * performs it, whichever `fingerprint` (a digest, computed off the thread) is ready first.
   * @throws {ProxyRejection} 422 when the key was used for another request, 409 while another process performs it.
   */
  run(
    key: string,
    fingerprint: Promise<string>,
    perform: () => Promise<Settlement>,
  ): Promise<{ answer: StoredAnswer; replayed: boolean }>;
}

/** What a request's turn at claiming a key found: the key was free (and its write started), or held. */
type ClaimTurn =
  | { readonly performing: Promise<{ answer: StoredAnswer; replayed: boolean }> }
  | { readonly claim: IdempotencyRecord; readonly existing: IdempotencyRecord };

/** Creates the idempotency of a gateway over its store. */
export function createIdempotency(store: GatewayStore, now: () => number): Idempotency {
  const inFlight = new Map<string, Promise<unknown>>();
  const inArrivalOrder = createSerializer();
  return {
    async run(key, fingerprint, perform) {
      for (;;) {
        const turn = await inArrivalOrder(async (): Promise<ClaimTurn> => {
          const claim = {
            state: "in-progress",
            fingerprint: await fingerprint,
            expiresAt: now() + IDEMPOTENCY_TTL_MS,
          } as const;
          const existing = await store.claimIdempotency(key, claim, now());
          // Started within the turn, so that the next request with this key finds it in flight.
          return existing === undefined ? { performing: performClaimed(key, claim, perform) } : { claim, existing };
        });
        if ("performing" in turn) return turn.performing;
        const { claim, existing } = turn;
        if (existing.fingerprint !== claim.fingerprint) throw idempotencyKeyReused();
        if (existing.state !== "in-progress" && existing.answer !== undefined)
          return { answer: existing.answer, replayed: true };
        const local = inFlight.get(key);
        if (local === undefined) throw idempotencyInProgress();
        await local;
      }
    },
  };

  async function performClaimed(
    key: string,
    claim: { fingerprint: string; expiresAt: number },
    perform: () => Promise<Settlement>,
  ) {
    const settled = (async () => {
      let settlement: Settlement;
      try {
        settlement = await perform();
      } catch (error) {
        await store.releaseIdempotency(key);
        throw error;
      }
      if (settlement.state === "not-performed") await store.releaseIdempotency(key);
      else await store.putIdempotency(key, { ...claim, state: settlement.state, answer: settlement.answer });
      return { answer: settlement.answer, replayed: false };
    })();
    inFlight.set(
      key,
      settled.catch(() => undefined),
    );
    try {
      return await settled;
    } finally {
      inFlight.delete(key);
    }
  }
}

/** What identifies a write for its idempotency key: operation, path and a SHA-256 of the body. */
export async function fingerprintOf(operationId: string, path: string, body: Uint8Array | undefined): Promise<string> {
  const head = new TextEncoder().encode(`${operationId}\n${path}\n`);
  const bytes = new Uint8Array(head.byteLength + (body?.byteLength ?? 0));
  bytes.set(head);
  if (body !== undefined) bytes.set(body, head.byteLength);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return `${operationId}:${[...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}
