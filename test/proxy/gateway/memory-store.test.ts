import { describe, expect, it } from "vitest";
import { memoryStore } from "../../../src/proxy/index.js";
import { describeGatewayStore } from "./store-contract.js";

describeGatewayStore("memoryStore", () => memoryStore());

describe("memoryStore", () => {
  it("keeps the newest maxAuditRecords records and drops the oldest", async () => {
    const store = memoryStore({ maxAuditRecords: 2 });
    for (const caller of ["a", "b", "c"]) {
      await store.appendAudit({
        time: "2026-01-01T00:00:00.000Z",
        caller,
        operation: "addSSHKey",
        ids: [],
        status: 200,
        outcome: "ok",
        idempotencyKey: null,
      });
    }
    expect((await store.listAudit({ limit: 10 })).data.map((record) => record.caller)).toEqual(["c", "b"]);
  });
});
