/**
 * Where a gateway keeps its capacity watches, so that they outlive an eviction or a restart of
 * the object: {@link memoryWatchStore} (one process, tests) and {@link sqliteWatchStore} (a
 * Durable Object's `ctx.storage.sql`). Each watch is one row holding its JSON, beside the hash of
 * the key it runs with (the object's name; never the key itself).
 */
import type { SqlExecutor } from "./sqlite-store.js";
import { isActive, type Watch } from "./watch.js";

/** How many watches are listed and kept: the newest; older finished ones are forgotten. */
export const WATCHES_KEPT = 50;

/** Where watches are kept. Every method may be called concurrently. */
export interface WatchStore {
  /** Stores a new watch or replaces it (by id). Then forgets finished watches beyond the newest {@link WATCHES_KEPT}. */
  put(watch: Watch): Promise<void>;
  /** The watch with this id, or `undefined`. */
  get(id: string): Promise<Watch | undefined>;
  /** Every watch kept, newest first. */
  list(): Promise<Watch[]>;
  /** The hash of the key the watches run with (see `gatewayObjectName`), once one was set. */
  keyHash(): Promise<string | undefined>;
  /** Sets the hash of the key the watches run with. */
  setKeyHash(hash: string): Promise<void>;
}

/** A watch store in this process's memory. */
export function memoryWatchStore(): WatchStore {
  const watches = new Map<string, Watch>();
  let hash: string | undefined;
  return {
    async put(watch) {
      watches.delete(watch.id);
      watches.set(watch.id, watch);
      const forgotten = [...watches.values()]
        .sort(newestFirst)
        .filter((kept, index) => index >= WATCHES_KEPT && !isActive(kept));
      for (const old of forgotten) watches.delete(old.id);
    },
    get: async (id) => watches.get(id),
    list: async () => [...watches.values()].sort(newestFirst),
    keyHash: async () => hash,
    async setKeyHash(value) {
      hash = value;
    },
  };
}

const SCHEMA = [
  "CREATE TABLE IF NOT EXISTS gateway_watches (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, active INTEGER NOT NULL, watch TEXT NOT NULL)",
  "CREATE TABLE IF NOT EXISTS gateway_watch_key (one INTEGER PRIMARY KEY CHECK (one = 1), key_hash TEXT NOT NULL)",
];

/**
 * The watch store on Durable Object SQLite storage; creates its tables if they are missing.
 * @example
 * const watches = sqliteWatchStore(ctx.storage.sql); // in a Durable Object's constructor
 */
export function sqliteWatchStore(sql: SqlExecutor): WatchStore {
  for (const statement of SCHEMA) sql.exec(statement);
  return {
    async put(watch) {
      const active = isActive(watch) ? 1 : 0;
      sql.exec(
        "INSERT OR REPLACE INTO gateway_watches (id, created_at, active, watch) VALUES (?, ?, ?, ?)",
        watch.id,
        watch.created_at,
        active,
        JSON.stringify(watch),
      );
      sql.exec(
        "DELETE FROM gateway_watches WHERE active = 0 AND id NOT IN (SELECT id FROM gateway_watches ORDER BY created_at DESC, id DESC LIMIT ?)",
        WATCHES_KEPT,
      );
    },
    async get(id) {
      const [row] = sql.exec("SELECT watch FROM gateway_watches WHERE id = ?", id).toArray();
      return row === undefined ? undefined : (JSON.parse(row.watch as string) as Watch);
    },
    async list() {
      return sql
        .exec("SELECT watch FROM gateway_watches ORDER BY created_at DESC, id DESC")
        .toArray()
        .map((row) => JSON.parse(row.watch as string) as Watch);
    },
    async keyHash() {
      const [row] = sql.exec("SELECT key_hash FROM gateway_watch_key").toArray();
      return row === undefined ? undefined : (row.key_hash as string);
    },
    async setKeyHash(hash) {
      sql.exec("INSERT OR REPLACE INTO gateway_watch_key (one, key_hash) VALUES (1, ?)", hash);
    },
  };
}

function newestFirst(a: Watch, b: Watch): number {
  return a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1;
}
