/**
 * Asking the operator's `authorize` function whether a request may be forwarded.
 */
import type { AccessLevel } from "../operations.js";
import { ProxyRejection } from "./errors.js";

/** What `authorize` is told about the operation being asked for. */
export interface AuthorizeContext {
  /** The operation id, e.g. `"launchInstance"`. */
  readonly operation: string;
  /** What the operation can change: `"read"`, `"write"` or `"destructive"`. */
  readonly access: AccessLevel;
}

/**
 * Decides whether a request may be forwarded: `true`, or `{ id }` naming the caller (used as
 * its rate-limit key), to allow; `false` to refuse. It is called for every request that
 * matches an allowed operation, reads included; the third argument tells which operation.
 * @example
 * // Public reads, writes only with the dashboard token:
 * authorize: async (request, env, { access }) =>
 *   access === "read" || (await tokenMatches(request.headers.get("authorization"), env.DASHBOARD_TOKEN)),
 */
export type Authorizer = (
  request: Request,
  env: unknown,
  context: AuthorizeContext,
) => Promise<boolean | { readonly id: string }> | boolean | { readonly id: string };

/** Request headers that carry credentials: when one is present a refusal is 403, else 401. */
const CREDENTIAL_HEADERS = ["authorization", "cookie", "cf-access-jwt-assertion"] as const;

/**
 * Runs the authorizer.
 * @returns the caller's id, when the authorizer named one.
 * @throws {ProxyRejection} `proxy/unauthorized`: 401 without credentials, 403 with refused ones
 *   or when the authorizer fails.
 */
export async function authorizeRequest(
  authorize: Authorizer,
  request: Request,
  env: unknown,
  context: AuthorizeContext,
): Promise<string | undefined> {
  let verdict: unknown;
  try {
    verdict = await authorize(request, env, context);
  } catch (error) {
    throw refusal(403, `authorize threw ${(error as Error)?.name ?? typeof error}`);
  }
  if (verdict === true) return undefined;
  if (verdict === false) {
    const hasCredentials = CREDENTIAL_HEADERS.some((name) => request.headers.has(name));
    throw refusal(hasCredentials ? 403 : 401, "authorize answered false");
  }
  const id = (verdict as { id?: unknown } | null)?.id;
  if (typeof id === "string" && id !== "") return id;
  throw refusal(403, "authorize answered neither a boolean nor { id: string }");
}

function refusal(status: 401 | 403, detail: string): ProxyRejection {
  return new ProxyRejection(
    status,
    "proxy/unauthorized",
    status === 401
      ? "This operation needs authorization, and the request carried none."
      : "The proxy refused to authorize this request.",
    status === 401
      ? "Sign in to the dashboard (or send the credentials the proxy expects) and try again."
      : "Check that your credentials are current and allowed to use this operation.",
    { detail },
  );
}
