/**
 * The in-memory {@link GatewayStore}, for one process (Node, Deno, Bun, tests): what it keeps
 * lasts as long as the process.
 */
import type { AuditPage, AuditRecord } from "./contract.js";
import type { AuditQuery, GatewayStore, IdempotencyRecord } from "./store.js";

/** Settings of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /** The most audit records kept; the oldest are dropped beyond it. @default 10_000 */
  readonly maxAuditRecords?: number | undefined;
}

/**
 * Creates a store that keeps idempotency records and the audit trail in memory.
 * @example
 * ```ts
 * const gateway = createGatewayEngine({ upstream, fetch, store: memoryStore() });
 * ```
 */
export function memoryStore(options: MemoryStoreOptions = {}): GatewayStore {
  const maxAuditRecords = options.maxAuditRecords ?? 10_000;
  const records = new Map<string, IdempotencyRecord>();
  /** Audit records with their sequence numbers, oldest first; the cursor is a sequence number. */
  const trail: { readonly seq: number; readonly record: AuditRecord }[] = [];
  let nextSeq = 1;

  const unexpired = (key: string, now: number) => {
    const record = records.get(key);
    if (record !== undefined && record.expiresAt <= now) {
      records.delete(key);
      return undefined;
    }
    return record;
  };
  const pruneExpired = (now: number) => {
    for (const [key, record] of records) if (record.expiresAt <= now) records.delete(key);
  };

  return {
    async claimIdempotency(key, record, now) {
      const existing = unexpired(key, now);
      if (existing !== undefined) return existing;
      pruneExpired(now);
      records.set(key, record);
      return undefined;
    },
    async getIdempotency(key, now) {
      return unexpired(key, now);
    },
    async putIdempotency(key, record) {
      records.set(key, record);
    },
    async releaseIdempotency(key) {
      records.delete(key);
    },
    async appendAudit(record) {
      trail.push({ seq: nextSeq++, record });
      if (trail.length > maxAuditRecords) trail.splice(0, trail.length - maxAuditRecords);
    },
    async listAudit({ limit, cursor }: AuditQuery): Promise<AuditPage> {
      const before = cursor === undefined ? Number.POSITIVE_INFINITY : Number(cursor);
      if (!Number.isSafeInteger(before) && before !== Number.POSITIVE_INFINITY) return { data: [], next_cursor: null };
      const older = trail.filter((entry) => entry.seq < before);
      const page = older.slice(-limit).reverse();
      const last = page.at(-1);
      const more = last !== undefined && older[0] !== undefined && older[0].seq < last.seq;
      return { data: page.map((entry) => entry.record), next_cursor: more ? String(last.seq) : null };
    },
  };
}
