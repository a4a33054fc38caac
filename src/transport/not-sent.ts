/**
 * Tells, from a failed fetch, whether the request certainly never left: the connection was
 * refused, the host name did not resolve, or the server's certificate was rejected during the
 * TLS handshake (before any byte of the request). Each runtime says so differently:
 *
 * - Node (undici): `TypeError("fetch failed")` with a `cause` whose `code` is `ECONNREFUSED`,
 *   `ENOTFOUND`, `EAI_AGAIN` or a certificate code such as `DEPTH_ZERO_SELF_SIGNED_CERT`
 *   (sometimes inside an `AggregateError` of several addresses).
 * - Bun: the error itself has one of those codes.
 * - Deno: only the cause's message: `tcp connect error: Connection refused (os error 111)`,
 *   `dns error: failed to lookup address information: ...`, `invalid peer certificate: ...`.
 *
 * Anything else (a reset, a timeout, a browser's bare "Failed to fetch") stays unknown.
 */
import type { NotSentReason } from "../errors.js";

const REASON_BY_CODE: Readonly<Record<string, NotSentReason>> = {
  ECONNREFUSED: "connection-refused",
  ENOTFOUND: "name-not-resolved",
  EAI_AGAIN: "name-not-resolved",
  EAI_NONAME: "name-not-resolved",
  DEPTH_ZERO_SELF_SIGNED_CERT: "certificate-rejected",
  SELF_SIGNED_CERT_IN_CHAIN: "certificate-rejected",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "certificate-rejected",
  UNABLE_TO_GET_ISSUER_CERT: "certificate-rejected",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "certificate-rejected",
  CERT_HAS_EXPIRED: "certificate-rejected",
  CERT_NOT_YET_VALID: "certificate-rejected",
  ERR_TLS_CERT_ALTNAME_INVALID: "certificate-rejected",
};

const REASON_BY_MESSAGE: readonly (readonly [RegExp, NotSentReason])[] = [
  [/\bconnection refused\b/i, "connection-refused"],
  [/\bdns error\b/i, "name-not-resolved"],
  [/\binvalid peer certificate\b/i, "certificate-rejected"],
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
