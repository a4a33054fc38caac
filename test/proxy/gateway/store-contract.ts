/**
 * What every GatewayStore must do, as one suite to run against each implementation:
 * `describeGatewayStore("memoryStore", () => memoryStore())`, and the same for a SQLite store.
 */
import { describe, expect, it } from "vitest";
import type { AuditRecord } from "../../../src/proxy/gateway/contract.js";
import type { GatewayStore, IdempotencyRecord } from "../../../src/proxy/gateway/store.js";

const T0 = Date.UTC(2026, 0, 1);

const inProgress = (fingerprint = "addSSHKey:aa", expiresAt = T0 + 1_000): IdempotencyRecord => ({
  state: "in-progress",
  fingerprint,
  expiresAt,
});

const auditRecord = (caller: string): AuditRecord => ({
  time: new Date(T0).toISOString(),
  caller,
  operation: "addSSHKey",
  ids: ["0".repeat(32)],
  status: 200,
  outcome: "ok",
  idempotencyKey: null,
});

/** Declares the contract suite for one store; `makeStore` gives a fresh, empty store. */
export function describeGatewayStore(name: string, makeStore: () => GatewayStore | Promise<GatewayStore>): void {
  describe(`${name} keeps the GatewayStore contract`, () => {
    it("claims a key once: the second claim gets the first record and changes nothing", async () => {
      const store = await makeStore();
      expect(await store.claimIdempotency("k", inProgress("a"), T0)).toBeUndefined();
      expect(await store.claimIdempotency("k", inProgress("b"), T0)).toEqual(inProgress("a"));
      expect(await store.getIdempotency("k", T0)).toEqual(inProgress("a"));
    });

    it("settles a claim with put, and forgets it with release", async () => {
      const store = await makeStore();
      await store.claimIdempotency("k", inProgress(), T0);
      const done: IdempotencyRecord = {
        ...inProgress(),
        state: "done",
        answer: { status: 200, headers: [["content-type", "application/json"]], body: '{"data":{}}' },
      };
      await store.putIdempotency("k", done);
      expect(await store.getIdempotency("k", T0)).toEqual(done);
      await store.releaseIdempotency("k");
      expect(await store.getIdempotency("k", T0)).toBeUndefined();
      expect(await store.claimIdempotency("k", inProgress(), T0)).toBeUndefined();
    });

    it("treats an expired record as absent: get misses it and a new claim takes the key", async () => {
      const store = await makeStore();
      await store.claimIdempotency("k", inProgress("old", T0 + 1_000), T0);
      expect(await store.getIdempotency("k", T0 + 999)).toEqual(inProgress("old", T0 + 1_000));
      expect(await store.getIdempotency("k", T0 + 1_000)).toBeUndefined();
      expect(await store.claimIdempotency("k", inProgress("new", T0 + 5_000), T0 + 1_000)).toBeUndefined();
      expect((await store.getIdempotency("k", T0 + 1_000))?.fingerprint).toBe("new");
    });

    it("lets exactly one of many concurrent claims of a key win", async () => {
      const store = await makeStore();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) => store.claimIdempotency("k", inProgress(String(index)), T0)),
      );
      expect(results.filter((result) => result === undefined)).toHaveLength(1);
    });

    it("lists the audit trail newest first, in pages that follow next_cursor to the end", async () => {
      const store = await makeStore();
      for (let index = 0; index < 7; index += 1) await store.appendAudit(auditRecord(`caller-${index}`));
      const callers: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages += 1) {
        const page = await store.listAudit({ limit: 3, cursor });
        callers.push(...page.data.map((record) => record.caller));
        if (page.next_cursor === null) break;
        cursor = page.next_cursor;
      }
      expect(callers).toEqual(["caller-6", "caller-5", "caller-4", "caller-3", "caller-2", "caller-1", "caller-0"]);
      expect((await store.listAudit({ limit: 7 })).next_cursor).toBeNull();
      expect((await store.listAudit({ limit: 1 })).data).toEqual([auditRecord("caller-6")]);
    });

    it("answers an empty page for a cursor it never handed out", async () => {
      const store = await makeStore();
      await store.appendAudit(auditRecord("ada"));
      expect(await store.listAudit({ limit: 10, cursor: "not-a-cursor" })).toEqual({ data: [], next_cursor: null });
    });
  });
}
