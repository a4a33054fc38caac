/**
 * An upstream answer read whole, as the gateway keeps it (in the cache, in an idempotency
 * record), and turned back into a `Response` with the gateway's own headers.
 */

import { redactText, secretForms } from "../../transport/redact.js";
import { type ProxyRejection, rejectionResponse } from "../errors.js";
import { checkedBody, readJsonBody } from "../forward.js";
import { passedResponseHeaders } from "../headers.js";
import type { StoredAnswer } from "./store.js";

/** An answer held by the gateway: status, allowlisted headers, body; the key already scrubbed. */
export interface HeldAnswer extends StoredAnswer {
  /** When it came from upstream, epoch milliseconds. */
  readonly receivedAt: number;
}

/**
 * Reads an upstream answer whole, with the proxy's checks (JSON only, decoded size bounded),
 * keeping only the allowlisted headers and scrubbing every form of `key`.
 * @throws {ProxyRejection} 502 `proxy/upstream-invalid` or `proxy/upstream-too-large`.
 */
export async function holdAnswer(answer: Response, key: string, receivedAt: number): Promise<HeldAnswer> {
  const secrets = secretForms(key);
  const stream = await checkedBody(answer);
  const body = stream === null ? "" : redactText((await readJsonBody(stream, answer.status)).text, secrets);
  return { status: answer.status, headers: [...passedResponseHeaders(answer.headers, secrets)], body, receivedAt };
}

/** The held form of one of the proxy's own error answers. */
export async function holdRejection(
  rejection: ProxyRejection,
  requestId: string,
  receivedAt: number,
): Promise<HeldAnswer> {
  const response = rejectionResponse(rejection, requestId);
  return { status: response.status, headers: [...response.headers], body: await response.text(), receivedAt };
}

/** Builds the response for a held answer, with extra headers such as `Age` and `Cache-Status`. */
export function answerWith(answer: StoredAnswer, extra: Readonly<Record<string, string>> = {}): Response {
  const headers = new Headers(answer.headers as [string, string][]);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  const hasBody = answer.body !== "" && ![204, 205, 304].includes(answer.status);
  return new Response(hasBody ? answer.body : null, { status: answer.status, headers });
}

/** The API error code in an answer's body, if it has the API's error envelope. */
export function errorCodeOf(answer: Pick<StoredAnswer, "body">): string | undefined {
  try {
    const code = (JSON.parse(answer.body) as { error?: { code?: unknown } } | null)?.error?.code;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}

/** Milliseconds to wait from a `Retry-After` header (seconds or an HTTP date); `fallbackMs` when absent or unreadable. */
export function retryAfterMs(headers: Headers, now: number, fallbackMs: number): number {
  const value = headers.get("retry-after");
  if (value === null) return fallbackMs;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : fallbackMs;
}
