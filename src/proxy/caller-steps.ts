/**
 * The steps every request the proxy serves takes once it is routed, whether it is forwarded,
 * answered by a gateway or is one of the gateway's own paths: ask `authorize`, count the caller
 * against the per-caller limit, and read the key (whose forms the log record must never show).
 */

import { secretForms } from "../transport/redact.js";
import { type AuthorizeContext, authorizeRequest } from "./authorize.js";
import { type ProxyKey, readProxyKey } from "./key.js";
import type { ProxySettings } from "./options.js";
import { enforceRateLimit, rateLimitKeyOf } from "./rate-limit.js";

/** What the pipeline learns about one request, for its log record. */
export interface Exchange {
  readonly requestId: string;
  operation: string | null;
  secrets: readonly string[];
  detail: string | undefined;
}

/** The request as the steps see it: the Worker's `env` and the server's context beside it. */
export interface RoutedRequest {
  readonly request: Request;
  readonly env: unknown;
  readonly ctx: unknown;
}

/**
 * Authorizes the caller and, when `counted`, counts it against the per-caller limit (a failing
 * limiter's note goes to the log record).
 * @returns the caller's id, when the authorizer named one.
 * @throws {ProxyRejection} `proxy/unauthorized` or `proxy/rate-limited`.
 */
export async function admitCaller(
  settings: ProxySettings,
  { request, env, ctx }: RoutedRequest,
  context: AuthorizeContext,
  counted: boolean,
  exchange: Exchange,
): Promise<string | undefined> {
  const callerId = settings.authorize ? await authorizeRequest(settings.authorize, request, env, context) : undefined;
  if (settings.rateLimit && counted) {
    const caller = rateLimitKeyOf(callerId, settings.trust.clientAddress(request, ctx));
    exchange.detail = await enforceRateLimit(settings.rateLimit, caller, env);
  }
  return callerId;
}

/** Reads the key for this request and records its forms, so that the log record is scrubbed of them. */
export async function readKeyFor(
  settings: ProxySettings,
  { request, env }: RoutedRequest,
  exchange: Exchange,
): Promise<ProxyKey> {
  const key = await readProxyKey(settings.keyProviderFor, env, request.signal);
  exchange.secrets = formsOf(settings, key.key);
  return key;
}

/** The forms of the key each proxy read last: a key that does not change is encoded once, not per request. */
const lastForms = new WeakMap<ProxySettings, { readonly key: string; readonly forms: readonly string[] }>();

function formsOf(settings: ProxySettings, key: string): readonly string[] {
  const last = lastForms.get(settings);
  if (last?.key === key) return last.forms;
  const forms = secretForms(key);
  lastForms.set(settings, { key, forms });
  return forms;
}
