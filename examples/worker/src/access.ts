/**
 * The Cloudflare Access authorizer: Access puts a signed JWT in the `Cf-Access-Jwt-Assertion`
 * header of every request it let through. The Worker verifies its signature against the team's
 * public keys, and requires the team as issuer and the application's AUD tag as audience, so a
 * token minted for another application or team is refused.
 *
 * Everyone Access admits may read. Writing takes more: the token's `email` on the writer list,
 * or one of its `groups` among the writer groups. Only the verified token is read, with no
 * request per call to Access's get-identity endpoint, so groups count only when the token
 * carries them in a `groups` claim (see docs/deploying-the-worker.md).
 */
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import type { Authorizer } from "./authorizer.js";
import { ConfigurationError } from "./configuration-error.js";

/** Settings of {@link accessAuthorizer}. */
export interface AccessSettings {
  /** The team domain, e.g. `"myteam.cloudflareaccess.com"` (a leading `https://` is accepted). */
  readonly teamDomain: string;
  /** The Access application's audience (AUD) tag. */
  readonly audience: string;
  /**
   * Where the signing keys come from.
   * @default the team's JWKS at `https://<team domain>/cdn-cgi/access/certs`, cached per isolate
   */
  readonly keys?: JWTVerifyGetKey;
  /** Who among the admitted may write; everyone else is a viewer. @default nobody: every Access user is a viewer */
  readonly writers?: AccessWriters;
}

/** The Access users who may write, by email or by group. */
export interface AccessWriters {
  /** Emails that may write, compared with the token's `email` regardless of case. @default none */
  readonly emails?: readonly string[];
  /**
   * Groups whose members may write, compared exactly with the entries of the token's `groups`
   * claim: a group given as a string, or the `id`, `name` or `email` of a group given as an object.
   * @default none
   */
  readonly groups?: readonly string[];
}

/** Remote key sets by certs URL, kept per isolate so that jose's key cache survives requests. */
const remoteKeySets = new Map<string, JWTVerifyGetKey>();

/**
 * Builds an authorizer that admits requests carrying a valid Access JWT for `audience`, issued
 * by the team at `teamDomain`. The caller is named by the token's email (or subject), and may
 * write when `writers` lists its email or one of its groups.
 * @example
 * const authorize = accessAuthorizer({
 *   teamDomain: env.ACCESS_TEAM_DOMAIN,
 *   audience: env.ACCESS_AUD,
 *   writers: { groups: ["gpu-operators"], emails: ["lead@example.com"] },
 * });
 */
export function accessAuthorizer(settings: AccessSettings): Authorizer {
  const issuer = teamOrigin(settings.teamDomain);
  const keys = settings.keys ?? remoteKeySet(`${issuer}/cdn-cgi/access/certs`);
  const mayWrite = writerCheck(settings.writers ?? {});
  return async (request) => {
    const token = request.headers.get("cf-access-jwt-assertion");
    if (!token) return false;
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer,
        audience: settings.audience,
        algorithms: ["RS256"],
        requiredClaims: ["exp", "iat"],
      });
      const id = typeof payload.email === "string" ? payload.email : payload.sub;
      return id ? { id, writes: mayWrite(payload) } : false;
    } catch {
      return false;
    }
  };
}

/** Whether a verified token's claims name a writer. */
function writerCheck(writers: AccessWriters): (payload: JWTPayload) => boolean {
  const emails = new Set((writers.emails ?? []).map((email) => email.toLowerCase()));
  const groups = new Set(writers.groups ?? []);
  return (payload) =>
    (typeof payload.email === "string" && emails.has(payload.email.toLowerCase())) ||
    groupNamesOf(payload).some((group) => groups.has(group));
}

/**
 * The names a token's `groups` claim gives its groups: each string entry, and the `id`, `name`
 * and `email` of each object entry (the shape of the groups in Access's identity). Anything
 * else in the claim names no group.
 */
function groupNamesOf(payload: JWTPayload): string[] {
  const claim = payload.groups;
  if (!Array.isArray(claim)) return [];
  return claim.flatMap((group: unknown) => {
    if (typeof group === "string") return [group];
    if (typeof group !== "object" || group === null) return [];
    const { id, name, email } = group as Record<string, unknown>;
    return [id, name, email].filter((value): value is string => typeof value === "string" && value !== "");
  });
}

/** `https://<team domain>`, from a bare host or an https URL with nothing after the host. */
function teamOrigin(teamDomain: string): string {
  let url: URL | undefined;
  try {
    url = new URL(teamDomain.includes("://") ? teamDomain : `https://${teamDomain}`);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== "https:" || url.pathname !== "/" || url.search || url.username || url.port) {
    throw new ConfigurationError(
      `ACCESS_TEAM_DOMAIN must be your Access team domain, such as "myteam.cloudflareaccess.com", not ${JSON.stringify(teamDomain)}.`,
    );
  }
  return url.origin;
}

function remoteKeySet(certsUrl: string): JWTVerifyGetKey {
  let keySet = remoteKeySets.get(certsUrl);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(certsUrl));
    remoteKeySets.set(certsUrl, keySet);
  }
  return keySet;
}
