/**
 * Tells, from a failed fetch, whether the request certainly never left: the connection was
 * refused or the host name did not resolve. Each runtime says so differently:
 *
 * - Node (undici): `TypeError("fetch failed")` with a `cause` whose `code` is `ECONNREFUSED`,
 *   `ENOTFOUND` or `EAI_AGAIN` (sometimes inside an `AggregateError` of several addresses).
 * - Bun: the error itself has `code` `ECONNREFUSED` or `ENOTFOUND`.
 * - Deno: only the cause's message: `tcp connect error: Connection refused (os error 111)`,
 *   `dns error: failed to lookup address information: ...`.
 *
 * Anything else (a reset, a timeout, a browser's bare "Failed to fetch") stays unknown.
 */
import type { NotSentReason } from "../errors.js";

const REASON_BY_CODE: Readonly<Record<string, NotSentReason>> = {
  ECONNREFUSED: "connection-refused",
  ENOTFOUND: "name-not-resolved",
  EAI_AGAIN: "name-not-resolved",
  EAI_NONAME: "name-not-resolved",
};

const REASON_BY_MESSAGE: readonly (readonly [RegExp, NotSentReason])[] = [
  [/\bconnection refused\b/i, "connection-refused"],
  [/\bdns error\b/i, "name-not-resolved"],
];

/** How deep causes and aggregated errors are searched. */
const MAX_DEPTH = 6;

/** Why the request was certainly not sent, or `undefined` when that cannot be known. */
export function notSentReason(error: unknown, depth = 0): NotSentReason | undefined {
  if (!(error instanceof Error) || depth > MAX_DEPTH) return undefined;
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  const byCode = typeof code === "string" ? REASON_BY_CODE[code] : undefined;
  if (byCode) return byCode;
  const byMessage = REASON_BY_MESSAGE.find(([pattern]) => pattern.test(error.message))?.[1];
  if (byMessage) return byMessage;
  for (const related of [error.cause, ...(Array.isArray(errors) ? errors : [])]) {
    const reason = notSentReason(related, depth + 1);
    if (reason) return reason;
  }
  return undefined;
}
