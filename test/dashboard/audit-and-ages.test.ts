// @vitest-environment happy-dom
// The audit trail's reader (examples/worker/dashboard/audit-trail.ts) and the answer ages
// (answer-age.ts), against a real HTTP server that is the page's origin: pages are asked for
// with the contract's path, limit and cursor and the dashboard token, a 404 means "no gateway",
// another failure is an error naming the status; each answer's Age header is remembered per
// operation, and an answer without one (or with a malformed one) has no age.
import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { AnswerAges, ageSeconds } from "../../examples/worker/dashboard/answer-age";
import { AUDIT_PAGE_SIZE, fetchAuditPage } from "../../examples/worker/dashboard/audit-trail";
import { rememberToken } from "../../examples/worker/dashboard/credentials";
import { operationRoutes } from "../../src/operations";
import { AUDIT_PATH, type AuditPage } from "../../src/proxy/gateway/contract";
import { type PageOrigin, servePageOrigin } from "./page-origin";

let origin: PageOrigin | undefined;

afterEach(async () => {
  await origin?.close();
  sessionStorage.clear();
});

const record = (operation: string) => ({
  time: "2026-01-01T12:00:00Z",
  caller: "dashboard-token",
  operation,
  ids: [],
  status: 200,
  outcome: "ok",
  idempotencyKey: null,
});

describe("the audit trail reader", () => {
  it("asks for pages by cursor with the token, and reads them", async () => {
    const token = `token-${crypto.randomUUID()}`;
    rememberToken(token);
    const asked: IncomingMessage[] = [];
    origin = await servePageOrigin((request, response) => {
      asked.push(request);
      const cursor = new URL(request.url ?? "", "http://x").searchParams.get("cursor");
      const page: AuditPage = cursor
        ? { data: [record("addSSHKey")], next_cursor: null }
        : { data: [record("launchInstance")], next_cursor: "c2" };
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(page));
    });
    const first = await fetchAuditPage();
    const second = first === "not-deployed" ? first : await fetchAuditPage(first.next_cursor ?? undefined);
    expect(first).toEqual({ data: [record("launchInstance")], next_cursor: "c2" });
    expect(second).toEqual({ data: [record("addSSHKey")], next_cursor: null });
    expect(asked.map((request) => request.url)).toEqual([
      `${AUDIT_PATH}?limit=${AUDIT_PAGE_SIZE}`,
      `${AUDIT_PATH}?limit=${AUDIT_PAGE_SIZE}&cursor=c2`,
    ]);
    expect(asked.every((request) => request.headers.authorization === `Bearer ${token}`)).toBe(true);
  });

  it("says not-deployed on 404 and throws, naming the status, on other failures", async () => {
    let status = 404;
    origin = await servePageOrigin((_request, response) => response.writeHead(status).end("nope"));
    expect(await fetchAuditPage()).toBe("not-deployed");
    status = 503;
    await expect(fetchAuditPage()).rejects.toThrow(`GET ${AUDIT_PATH} answered 503: nope`);
  });
});

describe("answer ages", () => {
  it("reads whole seconds from Age and nothing else", () => {
    expect(ageSeconds(new Headers({ age: "3" }))).toBe(3);
    expect(ageSeconds(new Headers({ age: " 12 " }))).toBe(12);
    expect(ageSeconds(new Headers())).toBeUndefined();
    expect(ageSeconds(new Headers({ age: "-1" }))).toBeUndefined();
    expect(ageSeconds(new Headers({ age: "soon" }))).toBeUndefined();
  });

  it("remembers the latest answer's age per operation", async () => {
    let age: string | undefined = "4";
    origin = await servePageOrigin((_request, response) =>
      response.writeHead(200, age === undefined ? {} : { age }).end("{}"),
    );
    const ages = new AnswerAges();
    await ages.fetch(`${location.origin}/api/v1${operationRoutes.listInstances.path}`);
    await ages.fetch(`${location.origin}/api/v1${operationRoutes.listSSHKeys.path}`);
    expect(ages.of(operationRoutes.listInstances, "/api/v1")).toBe(4);
    age = undefined;
    await ages.fetch(new Request(`${location.origin}/api/v1${operationRoutes.listInstances.path}`));
    expect(ages.of(operationRoutes.listInstances, "/api/v1")).toBeUndefined();
    expect(ages.of(operationRoutes.listSSHKeys, "/api/v1")).toBe(4);
  });
});
