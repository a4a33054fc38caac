/**
 * Who may write: the authorizers the Worker's env configures (a `DASHBOARD_TOKEN`, Cloudflare
 * Access, or both). With none configured the Worker is read-only.
 */
import { accessAuthorizer } from "./access.js";
import { ConfigurationError } from "./configuration-error.js";
import type { Env } from "./env.js";
import { MIN_TOKEN_LENGTH, tokenAuthorizer } from "./token.js";

/** Decides whether a request may write; the proxy's `authorize` option. */
export type Authorizer = (request: Request) => Promise<boolean | { readonly id: string }>;

/** The kinds of authorizer the Worker knows, as reported by `GET /api/session`. */
export type AuthorizerKind = "token" | "access";

/** The authorizer built from the env, and which kinds it combines. */
export interface Authorization {
  /** Accepts a request if any configured authorizer accepts it; `undefined` when none is configured. */
  readonly authorize: Authorizer | undefined;
  /** The configured kinds, in the order they are tried. */
  readonly kinds: readonly AuthorizerKind[];
}

/**
 * Builds the authorizer from `DASHBOARD_TOKEN` and `ACCESS_TEAM_DOMAIN` + `ACCESS_AUD`.
 * @throws {ConfigurationError} for a short token, or only one of the two Access vars.
 */
export function authorizationFrom(env: Env): Authorization {
  const configured: [AuthorizerKind, Authorizer][] = [];
  const token = env.DASHBOARD_TOKEN ?? "";
  if (token !== "") {
    if (token.length < MIN_TOKEN_LENGTH) {
      throw new ConfigurationError(
        `DASHBOARD_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters; generate one with \`openssl rand -hex 32\`.`,
      );
    }
    configured.push(["token", tokenAuthorizer(token)]);
  }
  const teamDomain = env.ACCESS_TEAM_DOMAIN ?? "";
  const audience = env.ACCESS_AUD ?? "";
  if ((teamDomain === "") !== (audience === "")) {
    throw new ConfigurationError("Cloudflare Access needs both ACCESS_TEAM_DOMAIN and ACCESS_AUD; set both, or neither.");
  }
  if (teamDomain !== "") configured.push(["access", accessAuthorizer({ teamDomain, audience })]);

  const authorizers = configured.map(([, authorizer]) => authorizer);
  return {
    kinds: configured.map(([kind]) => kind),
    authorize:
      authorizers.length === 0
        ? undefined
        : async (request) => {
            for (const authorizer of authorizers) {
              const verdict = await authorizer(request);
              if (verdict !== false) return verdict;
            }
            return false;
          },
  };
}
