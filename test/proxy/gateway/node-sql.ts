// A Durable Object's `ctx.storage.sql` over a node:sqlite database, for the gateway's SQLite
// store in Node: like the object's, `exec` runs the statement at once and returns its rows.
import type { DatabaseSync } from "node:sqlite";
import type { SqlExecutor } from "../../../src/proxy/gateway/sqlite-store";

/** `ctx.storage.sql` over `database`. */
export function sqlOf(database: DatabaseSync): SqlExecutor {
  return {
    exec: (query, ...bindings) => {
      const rows = database.prepare(query).all(...(bindings as never[])) as never;
      return { toArray: () => rows };
    },
  };
}
