/**
 * The audit trail: one record per write through the gateway (who, which operation, which
 * ids, the outcome, when), never the key and never a request body: only ids are taken from
 * bodies, by name. Read in pages with `GET /api/audit`.
 */

import type { OperationRoute } from "../../operations.js";
import { ProxyRejection, rejectionResponse } from "../errors.js";
import { errorCodeOf, type HeldAnswer } from "./answer.js";
import type { AuditRecord } from "./contract.js";
import type { GatewayStore } from "./store.js";

/** The default and largest page of `GET /api/audit`. */
export const AUDIT_PAGE = { default: 50, max: 100 } as const;

/** What a write was and how it ended, for its audit record. */
export interface WriteOutcome {
  readonly operation: OperationRoute;
  readonly path: string;
  readonly body: Uint8Array | undefined;
  readonly caller: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly answer: HeldAnswer;
  /** `true` when the write was sent but its outcome is unknown. */
  readonly unknown: boolean;
  readonly time: number;
}

/** The audit record of a write. */
export function auditRecordOf(outcome: WriteOutcome): AuditRecord {
  const { operation, answer, unknown } = outcome;
  const ok = answer.status >= 200 && answer.status < 300;
  return {
    time: new Date(outcome.time).toISOString(),
    caller: outcome.caller ?? "anonymous",
    operation: operation.id,
    ids: [...new Set([...pathIds(operation, outcome.path), ...bodyIds(outcome.body), ...answerIds(answer)])],
    status: unknown ? null : answer.status,
    outcome: unknown ? "outcome-unknown" : ok ? "ok" : (errorCodeOf(answer) ?? `http-${answer.status}`),
    idempotencyKey: outcome.idempotencyKey ?? null,
  };
}

/**
 * Answers `GET /api/audit?limit=&cursor=` from the store.
 * @throws {ProxyRejection} 400 when `limit` is not a whole number from 1 to 100.
 */
export async function auditPage(store: GatewayStore, query: URLSearchParams, requestId: string): Promise<Response> {
  const limitText = query.get("limit");
  const limit = limitText === null ? AUDIT_PAGE.default : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_PAGE.max) {
    const rejection = new ProxyRejection(
      400,
      "proxy/route-not-allowed",
      `limit must be a whole number from 1 to ${AUDIT_PAGE.max}.`,
      `Leave limit out for ${AUDIT_PAGE.default} records, or pass e.g. limit=20; page on with the next_cursor of the answer.`,
    );
    return rejectionResponse(rejection, requestId);
  }
  const page = await store.listAudit({ limit, cursor: query.get("cursor") ?? undefined });
  return new Response(JSON.stringify(page), { headers: { "content-type": "application/json" } });
}

/** The values of the path's parameters (instance, SSH key, ruleset, ticket, attachment ids). */
function pathIds(operation: OperationRoute, path: string): string[] {
  const template = operation.path.split("/");
  const parts = (path.split("?")[0] ?? "").split("/");
  return template.flatMap((segment, index) =>
    segment.startsWith("{") && parts[index] ? [decodeURIComponent(parts[index])] : [],
  );
}

/** `instance_ids` of a restart or terminate body: the only thing read from a request body. */
function bodyIds(body: Uint8Array | undefined): string[] {
  if (body === undefined) return [];
  const parsed = parseJson(new TextDecoder().decode(body)) as { instance_ids?: unknown } | undefined;
  return stringsOf(parsed?.instance_ids);
}

/** Ids in the answer's `data`: its `id`, `*_ids` lists, and the ids of listed objects (`terminated_instances`…). */
function answerIds(answer: HeldAnswer): string[] {
  if (answer.status < 200 || answer.status >= 300) return [];
  const data = (parseJson(answer.body) as { data?: unknown } | undefined)?.data;
  if (data === null || typeof data !== "object" || Array.isArray(data)) return [];
  return Object.entries(data).flatMap(([name, value]) => {
    if (name === "id") return typeof value === "string" ? [value] : [];
    if (name.endsWith("_ids")) return stringsOf(value);
    return Array.isArray(value) ? value.flatMap((item) => stringsOf([(item as { id?: unknown } | null)?.id])) : [];
  });
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
