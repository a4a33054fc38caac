/**
 * The persistent part of a gateway: idempotency records and the audit trail. Everything else
 * (admission, cache, coalescing, the live feed) is rebuilt from nothing when a gateway starts.
 * Two implementations: {@link memoryStore} (one process) and a SQLite one for a Durable
 * Object's `ctx.storage.sql`. The interface is small and async, and uses nothing specific to
 * Node or Workers, so another store (Redis, Postgres) can implement it too.
 */
import type { AuditPage, AuditRecord } from "./contract.js";

/** How long an idempotency key is remembered: a retry or a double click within it gets the first answer. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** An answer kept for replay: status, the allowlisted headers and the body, with the key already scrubbed. */
export interface StoredAnswer {
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The answer's allowlisted headers, as name and value pairs. */
  readonly headers: readonly (readonly [string, string])[];
  /** The answer's body, as text. */
  readonly body: string;
}

/**
 * What a gateway knows about one write with an `Idempotency-Key`:
 * - `in-progress`: claimed and not answered yet (a duplicate waits for it, or gets 409);
 * - `done`: answered; `answer` is replayed to every duplicate;
 * - `outcome-unknown`: sent, but no answer came back (it may or may not have happened);
 *   `answer` is the error replayed, and the write is never sent again under this key.
 */
export interface IdempotencyRecord {
  /** Where the write stands (see above). */
  readonly state: "in-progress" | "done" | "outcome-unknown";
  /** What the write was, `"<operationId>:<SHA-256 of operation, path and body>"`. A duplicate must match it. */
  readonly fingerprint: string;
  /** When the record may be forgotten, epoch milliseconds. */
  readonly expiresAt: number;
  /** The answer to replay, for `done` and `outcome-unknown`. */
  readonly answer?: StoredAnswer | undefined;
}

/** The options of {@link GatewayStore.listAudit}. */
export interface AuditQuery {
  /** How many records at most, newest first (1-100). */
  readonly limit: number;
  /** A `next_cursor` from an earlier page: continue with the records older than it. */
  readonly cursor?: string | undefined;
}

/** Where a gateway keeps what must outlive a restart. All methods may be called concurrently. */
export interface GatewayStore {
  /**
   * Atomically claims `key` for a write: when an unexpired record exists it is returned and
   * nothing changes; otherwise `record` (normally `in-progress`) is stored and `undefined`
   * returned. Expired records count as absent and may be deleted here.
   */
  claimIdempotency(key: string, record: IdempotencyRecord, now: number): Promise<IdempotencyRecord | undefined>;
  /** The unexpired record of `key` at `now`, or `undefined`. */
  getIdempotency(key: string, now: number): Promise<IdempotencyRecord | undefined>;
  /** Replaces the record of `key` (to settle a claim as `done` or `outcome-unknown`). */
  putIdempotency(key: string, record: IdempotencyRecord): Promise<void>;
  /**
   * Forgets the claim on `key`, for a write that was certainly not performed (refused before it
   * was sent, or answered 429), so that a retry with the same key is performed.
   */
  releaseIdempotency(key: string): Promise<void>;
  /** Appends one record to the audit trail. Records are kept in the order appended. */
  appendAudit(record: AuditRecord): Promise<void>;
  /**
   * One page of the audit trail, newest first: at most `limit` records older than `cursor`
   * (or the newest, without one), and the cursor of the next page (`null` when no older record
   * exists). A cursor that this store did not hand out answers an empty page.
   */
  listAudit(query: AuditQuery): Promise<AuditPage>;
}
