// docs/api.md, the index of every operation, is generated (`npm run docs:api`) from the operations
// table and the client's sources. Regenerated here in memory: a route, a method or a cache rule
// that changed without the page fails until the page is written again and committed.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  API_INDEX,
  buildApiIndex,
  loadOperationsTable,
  type OperationsTable,
  renderApiIndex,
  repoRoot,
} from "../../scripts/api-index.ts";
import { type ClientMethods, findClientMethods } from "../../scripts/client-methods.ts";
import { firstDifference } from "../helpers/first-difference";

let table: OperationsTable;
let client: ClientMethods;
beforeAll(async () => {
  table = await loadOperationsTable();
  client = findClientMethods(repoRoot);
}, 60_000);

/** The operation ids of the page's rows, in order: the first cell of each row of a resource table. */
function rowIds(page: string): string[] {
  return [...page.matchAll(/^\| `(\w+)` \| `[A-Z]+ \//gm)].map((match) => match[1]!);
}

describe(API_INDEX, () => {
  it("is what `npm run docs:api` writes now", async () => {
    const kept = readFileSync(`${repoRoot}${API_INDEX}`, "utf8");
    const built = await buildApiIndex();
    expect(
      built,
      `${API_INDEX} is out of date with src/operations.ts or src/resources/${firstDifference(kept, built)}. Run npm run docs:api and commit ${API_INDEX}.`,
    ).toBe(kept);
  });

  it("has one row per operation of the table, each exactly once", () => {
    const ids = rowIds(renderApiIndex(table, client));
    expect(ids).toHaveLength(table.operationRouteList.length);
    expect([...ids].sort()).toEqual(table.operationRouteList.map((route) => route.id).sort());
  });

  it("names a client method that sends every operation (none is left to client.call alone)", () => {
    // A row without one says "none: only `client.call`" (see the next test); today every operation
    // has a friendly method, so such a row means a method is missing in src/resources/.
    const withoutMethod = table.operationRouteList
      .filter((route) => (client.byOperation.get(route.id)?.sends.length ?? 0) === 0)
      .map((route) => route.id);
    expect(withoutMethod, "add a method that sends it (CONTRIBUTING.md, adding an operation, step 6)").toEqual([]);
  });

  it("says so in the row of an operation that no method sends", () => {
    const [first] = table.operationRouteList;
    const byOperation = new Map(client.byOperation);
    byOperation.delete(first!.id);
    const row = renderApiIndex(table, { ...client, byOperation })
      .split("\n")
      .find((line) => line.startsWith(`| \`${first!.id}\` |`));
    expect(row).toContain("none: only `client.call`");
  });

  it("lists every public method of every resource group, nested groups included", () => {
    const page = renderApiIndex(table, client);
    expect(client.methods).toContain("client.tickets.attachments.upload");
    const missing = client.methods.filter((method) => !page.includes(`\`${method}\``));
    expect(missing, "these methods reach no operation through src/resources/").toEqual([]);
  });

  it("finds the operations a method sends through other methods", () => {
    const uses = (id: string) => client.byOperation.get(id)?.uses;
    expect(uses("initiateAttachmentUpload")).toContain("client.tickets.attachments.upload");
    expect(uses("completeAttachmentUpload")).toContain("client.tickets.attachments.upload");
    expect(uses("getInstance")).toContain("client.instances.waitFor");
    expect(uses("getAuditEvents")).toEqual(["client.auditEvents.list"]);
    expect(client.byOperation.get("getAuditEvents")?.sends).toEqual(["client.auditEvents.page"]);
  });
});
