// sqliteStore on a real SQLite database: Node's own node:sqlite behind the one method the store
// uses of a Durable Object's ctx.storage.sql (exec with bindings). The Durable Object itself is
// exercised in workerd by test/workers/gateway/.
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import type { AuditRecord } from "../../../src/proxy/gateway/contract";
import { settleOrphanedClaims, sqliteStore } from "../../../src/proxy/gateway/sqlite-store";
import type { IdempotencyRecord } from "../../../src/proxy/gateway/store";
import { sqlOf } from "./node-sql";
import { describeGatewayStore } from "./store-contract";

const claim = (
  expiresAt: number,
  fingerprint = "launchInstance /instance-operations/launch #1",
): IdempotencyRecord => ({ state: "in-progress", fingerprint, expiresAt });

const audit = (n: number): AuditRecord => ({
  time: new Date(Date.UTC(2026, 11, 2, 0, 0, n)).toISOString(),
  caller: `caller-${n}`,
  operation: "launchInstance",
  ids: [`${n}`.padStart(32, "0")],
  status: n % 2 ? 200 : null,
  outcome: n % 2 ? "ok" : "outcome-unknown",
  idempotencyKey: n % 2 ? `click-${n}` : null,
});

describeGatewayStore("sqliteStore", () => sqliteStore(sqlOf(new DatabaseSync(":memory:"))));

describe("sqliteStore", () => {
  it("treats an expired record as absent and deletes expired records when a key is claimed", async () => {
    const database = new DatabaseSync(":memory:");
    const store = sqliteStore(sqlOf(database));
    await store.claimIdempotency("old", claim(1_000), 0);
    expect(await store.getIdempotency("old", 1_000)).toBeUndefined();
    expect(await store.claimIdempotency("new", claim(9_000), 1_000)).toBeUndefined();
    const keys = database
      .prepare("SELECT key FROM gateway_idempotency")
      .all()
      .map((row) => row.key);
    expect(keys).toEqual(["new"]);
  });

  it("keeps its records when a second store opens the same database (the object restarted)", async () => {
    const database = new DatabaseSync(":memory:");
    const first = sqliteStore(sqlOf(database));
    await first.claimIdempotency("click-1", claim(5_000), 0);
    await first.appendAudit(audit(1));
    const second = sqliteStore(sqlOf(database));
    expect(await second.getIdempotency("click-1", 1)).toEqual(claim(5_000));
    expect((await second.listAudit({ limit: 10 })).data).toEqual([audit(1)]);
  });

  it("answers an empty page for a cursor that is not one of its row numbers", async () => {
    const store = sqliteStore(sqlOf(new DatabaseSync(":memory:")));
    await store.appendAudit(audit(1));
    for (const cursor of ["abc", "0", "-1", "1e3", "99999999999999999999"]) {
      expect(await store.listAudit({ limit: 10, cursor })).toEqual({ data: [], next_cursor: null });
    }
  });

  it("settles the claims a previous run left in progress as outcome-unknown, leaving settled ones alone", async () => {
    const database = new DatabaseSync(":memory:");
    const store = sqliteStore(sqlOf(database));
    const answer = {
      status: 502,
      headers: [["content-type", "application/json"]] as [string, string][],
      body: '{"error":{}}',
    };
    await store.claimIdempotency("orphan", claim(5_000), 0);
    await store.claimIdempotency("settled", claim(5_000), 0);
    const settled: IdempotencyRecord = {
      ...claim(5_000),
      state: "done",
      answer: { status: 200, headers: [], body: "{}" },
    };
    await store.putIdempotency("settled", settled);
    expect(settleOrphanedClaims(sqlOf(database), answer, 1)).toEqual([
      { key: "orphan", fingerprint: claim(5_000).fingerprint },
    ]);
    expect(await store.getIdempotency("orphan", 1)).toEqual({ ...claim(5_000), state: "outcome-unknown", answer });
    expect(await store.getIdempotency("settled", 1)).toEqual(settled);
    expect(settleOrphanedClaims(sqlOf(database), answer, 2)).toEqual([]);
  });
});
