/**
 * Who may read and who may write: the authorizers the Worker's env configures (a
 * `DASHBOARD_TOKEN`, Cloudflare Access with its writers, or both). With none configured the
 * Worker is read-only and open; with one, every request needs it, and writes need a caller
 * that may write.
 */
import type { Authorizer as ProxyAuthorizer } from "lambda-cloud/proxy";
import { accessAuthorizer } from "./access.js";
import { commaList } from "./comma-list.js";
import { ConfigurationError } from "./configuration-error.js";
import type { Env } from "./env.js";
import { MIN_TOKEN_LENGTH, tokenAuthorizer } from "./token.js";

/** Who sent a request, as an authorizer found out. */
export interface Caller {
  /** The caller's name: an email, a service token's subject, or `"dashboard-token"`; the rate-limit key. */
  readonly id: string;
  /** Whether the caller may launch, terminate and make the other writes, not only read. */
  readonly writes: boolean;
}

/** Names the caller of a request, or answers `false` when it does not admit the request. */
export type Authorizer = (request: Request) => Promise<Caller | false>;

/** The kinds of authorizer the Worker knows, as reported by `GET /api/session`. */
export type AuthorizerKind = "token" | "access";

/** The authorization built from the env. */
export interface Authorization {
  /**
   * Names the caller: the first configured authorizer's caller that may write, else the first
   * that admits the request, else `false`; `undefined` when no authorizer is configured.
   */
  readonly identify: Authorizer | undefined;
  /** The proxy's `authorize`: reads for any admitted caller, writes only for one that may write. */
  readonly authorize: ProxyAuthorizer | undefined;
  /** Whether any caller can write (a token, or Access with writers); if not, the proxy allows only reads. */
  readonly writable: boolean;
  /** The configured kinds, in the order they are tried. */
  readonly kinds: readonly AuthorizerKind[];
}

/**
 * Builds the authorization from `DASHBOARD_TOKEN`, `ACCESS_TEAM_DOMAIN` + `ACCESS_AUD`, and
 * `ACCESS_WRITER_GROUPS` / `ACCESS_WRITER_EMAILS`.
 * @throws {ConfigurationError} for a short token, only one of the two Access vars, writers
 *   without Access, or a writer email that is not an email.
 */
export function authorizationFrom(env: Env): Authorization {
  const configured: [AuthorizerKind, Authorizer][] = [];
  let writable = false;
  const token = env.DASHBOARD_TOKEN ?? "";
  if (token !== "") {
    if (token.length < MIN_TOKEN_LENGTH) {
      throw new ConfigurationError(
        `DASHBOARD_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters; generate one with \`openssl rand -hex 32\`.`,
      );
    }
    configured.push(["token", tokenAuthorizer(token)]);
    writable = true;
  }
  const teamDomain = env.ACCESS_TEAM_DOMAIN ?? "";
  const audience = env.ACCESS_AUD ?? "";
  if ((teamDomain === "") !== (audience === "")) {
    throw new ConfigurationError(
      "Cloudflare Access needs both ACCESS_TEAM_DOMAIN and ACCESS_AUD; set both, or neither.",
    );
  }
  const writers = accessWritersFrom(env, teamDomain !== "");
  if (teamDomain !== "") {
    configured.push(["access", accessAuthorizer({ teamDomain, audience, writers })]);
    writable ||= writers.emails.length > 0 || writers.groups.length > 0;
  }

  const authorizers = configured.map(([, authorizer]) => authorizer);
  const identify: Authorizer | undefined =
    authorizers.length === 0
      ? undefined
      : async (request) => {
          const callers = (await Promise.all(authorizers.map((authorizer) => authorizer(request)))).filter(
            (caller) => caller !== false,
          );
          return callers.find((caller) => caller.writes) ?? callers[0] ?? false;
        };
  return {
    identify,
    authorize:
      identify &&
      (async (request, _env, { access }) => {
        const caller = await identify(request);
        return caller !== false && (access === "read" || caller.writes) ? { id: caller.id } : false;
      }),
    writable,
    kinds: configured.map(([kind]) => kind),
  };
}

/** `ACCESS_WRITER_EMAILS` and `ACCESS_WRITER_GROUPS`, checked. */
function accessWritersFrom(env: Env, accessConfigured: boolean): { emails: string[]; groups: string[] } {
  const emails = commaList(env.ACCESS_WRITER_EMAILS);
  const groups = commaList(env.ACCESS_WRITER_GROUPS);
  if (!accessConfigured && (emails.length > 0 || groups.length > 0)) {
    throw new ConfigurationError(
      "ACCESS_WRITER_EMAILS and ACCESS_WRITER_GROUPS name Cloudflare Access users; set ACCESS_TEAM_DOMAIN and ACCESS_AUD too, or leave them empty.",
    );
  }
  const notAnEmail = emails.find((email) => !/^[^\s@]+@[^\s@]+$/.test(email));
  if (notAnEmail !== undefined) {
    throw new ConfigurationError(
      `ACCESS_WRITER_EMAILS holds ${JSON.stringify(notAnEmail)}, which is not an email; list emails such as "ops@example.com", comma-separated.`,
    );
  }
  return { emails, groups };
}
