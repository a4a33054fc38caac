import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/error-codes.js";
import { operationList, operations } from "../../src/operation-schemas.js";

/** The official OpenAPI document (v1.10.0), checked in as a fixture so that every clone runs these checks. */
interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { operationId: string }>>;
  readonly components: { schemas: Record<string, { properties?: { code?: { const?: string } } }> };
}
const spec = JSON.parse(readFileSync(new URL("../fixtures/openapi.json", import.meta.url), "utf8")) as OpenApiDocument;

/** Each of the spec's operations as `METHOD path operationId`, with paths relative to `/api/v1`. */
function specOperations(): string[] {
  return Object.entries(spec.paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(
        ([method, op]) => `${method.toUpperCase()} ${path.replace(/^\/api\/v1/, "")} ${op.operationId}`,
      ),
    )
    .sort();
}

describe("the operations table", () => {
  it("matches the spec's 34 operations exactly: same METHOD, path and operationId, none missing, none extra", () => {
    const table = operationList.map((op) => `${op.method} ${op.path} ${op.id}`).sort();
    expect(specOperations()).toHaveLength(34);
    expect(table).toEqual(specOperations());
  });

  it("lists in ErrorCodes exactly the error codes openapi.json documents", () => {
    const documented = new Set(
      Object.values(spec.components.schemas).flatMap((schema) => schema.properties?.code?.const ?? []),
    );
    expect(documented.size).toBeGreaterThan(0);
    expect(new Set(Object.values(ErrorCodes))).toEqual(documented);
  });

  it("keys every operation by its operationId", () => {
    for (const [key, op] of Object.entries(operations)) expect(op.id).toBe(key);
  });

  it("gives every path parameter a format, and no format to a parameter that is not in the path", () => {
    for (const op of operationList) {
      const inPath = [...op.path.matchAll(/\{([a-z_]+)\}/g)].map((match) => match[1]).sort();
      expect(Object.keys(op.params).sort(), op.id).toEqual(inPath);
    }
  });

  it("marks terminate, the deletes and the firewall replace-alls as destructive, and only GETs as read", () => {
    const destructive = operationList
      .filter((op) => op.access === "destructive")
      .map((op) => op.id)
      .sort();
    expect(destructive).toEqual(
      [
        "deleteAttachment",
        "deleteFirewallRuleset",
        "deleteSSHKey",
        "filesystemDelete",
        "firewallRulesSet",
        "terminateInstance",
        "updateGlobalFirewallRuleset",
      ].sort(),
    );
    for (const op of operationList) expect(op.access === "read", op.id).toBe(op.method === "GET");
  });

  it("gives a body schema to every operation that the spec gives a request body", () => {
    const withBody = operationList
      .filter((op) => op.body)
      .map((op) => op.id)
      .sort();
    expect(withBody).toEqual(
      [
        "addSSHKey",
        "createFilesystem",
        "createFirewallRuleset",
        "createTicket",
        "firewallRulesSet",
        "initiateAttachmentUpload",
        "launchInstance",
        "postInstance",
        "restartInstance",
        "terminateInstance",
        "updateFirewallRuleset",
        "updateGlobalFirewallRuleset",
        "updateTicket",
      ].sort(),
    );
  });
});
