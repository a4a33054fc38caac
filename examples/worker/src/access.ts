/**
 * The Cloudflare Access authorizer: Access puts a signed JWT in the `Cf-Access-Jwt-Assertion`
 * header of every request it let through. The Worker verifies its signature against the team's
 * public keys, and requires the team as issuer and the application's AUD tag as audience, so a
 * token minted for another application or team is refused.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
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
}

/** Remote key sets by certs URL, kept per isolate so that jose's key cache survives requests. */
const remoteKeySets = new Map<string, JWTVerifyGetKey>();

/**
 * Builds an authorizer that accepts requests carrying a valid Access JWT for `audience`,
 * issued by the team at `teamDomain`. The identity is the token's email (or subject).
 * @example
 * const authorize = accessAuthorizer({ teamDomain: env.ACCESS_TEAM_DOMAIN, audience: env.ACCESS_AUD });
 */
export function accessAuthorizer(settings: AccessSettings): Authorizer {
  const issuer = teamOrigin(settings.teamDomain);
  const keys = settings.keys ?? remoteKeySet(`${issuer}/cdn-cgi/access/certs`);
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
      return id ? { id } : false;
    } catch {
      return false;
    }
  };
}

/** `https://<team domain>`, from a bare host or an https URL with nothing after the host. */
function teamOrigin(teamDomain: string): string {
  let url: URL | undefined;
  try {
    url = new URL(teamDomain.includes("://") ? teamDomain : `https://${teamDomain}`);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== "https:" || url.pathname !== "/" || url.search || url.username || url.port) {
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
