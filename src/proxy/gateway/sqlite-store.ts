/**
 * `sqliteStore`: the {@link GatewayStore} on a Durable Object's SQLite storage
 * (`ctx.storage.sql`), so that idempotency records and the audit trail outlive evictions,
 * restarts and deploys. It creates its tables idempotently, and forgets expired idempotency
 * records lazily, whenever a key is claimed (a record past its expiry counts as absent anyway).
 * Every statement is synchronous, so each method is atomic within the object.
 */
import type { AuditPage, AuditRecord } from "./contract.js";
import type { AuditQuery, GatewayStore, IdempotencyRecord, StoredAnswer } from "./store.js";

/** A value SQLite stores or returns. */
export type SqlValue = ArrayBuffer | string | number | null;

/** What `sqliteStore` needs of `ctx.storage.sql`: `exec` with `?` bindings, returning rows. */
export interface SqlExecutor {
  /** Runs `query` with its `?` placeholders bound to `bindings`, in order. */
  exec(query: string, ...bindings: SqlValue[]): { toArray(): Record<string, SqlValue>[] };
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS gateway_idempotency (
     key TEXT PRIMARY KEY, state TEXT NOT NULL, fingerprint TEXT NOT NULL, expires_at INTEGER NOT NULL, answer TEXT)`,
  "CREATE INDEX IF NOT EXISTS gateway_idempotency_expiry ON gateway_idempotency (expires_at)",
  `CREATE TABLE IF NOT EXISTS gateway_audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, caller TEXT NOT NULL, operation TEXT NOT NULL,
     ids TEXT NOT NULL, status INTEGER, outcome TEXT NOT NULL, idempotency_key TEXT)`,
];

/**
 * The gateway store on Durable Object SQLite storage; creates its tables if they are missing.
 * @example
 * const store = sqliteStore(ctx.storage.sql); // in a Durable Object's constructor
 */
export function sqliteStore(sql: SqlExecutor): GatewayStore {
  for (const statement of SCHEMA) sql.exec(statement);
  const read = (key: string, now: number) => {
    const [row] = sql
      .exec(
        "SELECT state, fingerprint, expires_at, answer FROM gateway_idempotency WHERE key = ? AND expires_at > ?",
        key,
        now,
      )
      .toArray();
    return row === undefined ? undefined : recordOf(row);
  };
  const write = (key: string, record: IdempotencyRecord) => {
    sql.exec(
      "INSERT OR REPLACE INTO gateway_idempotency (key, state, fingerprint, expires_at, answer) VALUES (?, ?, ?, ?, ?)",
      key,
      record.state,
      record.fingerprint,
      record.expiresAt,
      record.answer === undefined ? null : JSON.stringify(record.answer),
    );
  };
  return {
    async claimIdempotency(key, record, now) {
      sql.exec("DELETE FROM gateway_idempotency WHERE expires_at <= ?", now);
      const existing = read(key, now);
      if (existing) return existing;
      write(key, record);
      return undefined;
    },
    async getIdempotency(key, now) {
      return read(key, now);
    },
    async putIdempotency(key, record) {
      write(key, record);
    },
    async releaseIdempotency(key) {
      sql.exec("DELETE FROM gateway_idempotency WHERE key = ?", key);
    },
    async appendAudit(record) {
      sql.exec(
        "INSERT INTO gateway_audit (time, caller, operation, ids, status, outcome, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
        record.time,
        record.caller,
        record.operation,
        JSON.stringify(record.ids),
        record.status,
        record.outcome,
        record.idempotencyKey,
      );
    },
    async listAudit(query) {
      return auditPage(sql, query);
    },
  };
}

/**
 * Marks every claim still `in-progress` as `outcome-unknown` with `answer`, and returns their keys
 * and fingerprints. For an object that has just started: no claim can be running in it yet, so
 * each is a write its previous run claimed and never settled (it may or may not have been sent).
 */
export function settleOrphanedClaims(
  sql: SqlExecutor,
  answer: StoredAnswer,
  now: number,
): { key: string; fingerprint: string }[] {
  const orphans = sql
    .exec("SELECT key, fingerprint FROM gateway_idempotency WHERE state = 'in-progress' AND expires_at > ?", now)
    .toArray();
  sql.exec(
    "UPDATE gateway_idempotency SET state = 'outcome-unknown', answer = ? WHERE state = 'in-progress' AND expires_at > ?",
    JSON.stringify(answer),
    now,
  );
  return orphans.map((row) => ({ key: String(row.key), fingerprint: String(row.fingerprint) }));
}

function auditPage(sql: SqlExecutor, { limit, cursor }: AuditQuery): AuditPage {
  const before =
    cursor === undefined ? Number.MAX_SAFE_INTEGER : /^[1-9]\d{0,15}$/.test(cursor) ? Number(cursor) : undefined;
  if (before === undefined) return { data: [], next_cursor: null };
  const rows = sql
    .exec("SELECT * FROM gateway_audit WHERE seq < ? ORDER BY seq DESC LIMIT ?", before, limit + 1)
    .toArray();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { data: page.map(auditRecordOf), next_cursor: rows.length > limit && last ? String(last.seq) : null };
}

function recordOf(row: Record<string, SqlValue>): IdempotencyRecord {
  return {
    state: row.state as IdempotencyRecord["state"],
    fingerprint: String(row.fingerprint),
    expiresAt: Number(row.expires_at),
    ...(typeof row.answer === "string" ? { answer: JSON.parse(row.answer) as StoredAnswer } : {}),
  };
}

function auditRecordOf(row: Record<string, SqlValue>): AuditRecord {
  return {
    time: String(row.time),
    caller: String(row.caller),
    operation: String(row.operation),
    ids: JSON.parse(String(row.ids)) as string[],
    status: row.status === null ? null : Number(row.status),
    outcome: String(row.outcome),
    idempotencyKey: row.idempotency_key === null ? null : String(row.idempotency_key),
  };
}
