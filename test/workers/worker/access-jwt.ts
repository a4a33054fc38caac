// Cloudflare Access, played locally: an RS256 key pair made here, its public half served as the
// team's JWKS by the outbound mock (vitest.config.ts → outbound.ts), and Access-style JWTs
// signed with it (or with a stranger's key, or with wrong claims).
import { env } from "cloudflare:workers";
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from "jose";
import { ACCESS_TEAM_DOMAIN, WRITER_EMAIL } from "./outbound";

/** The team's signing key, registered with the mock on first use. */
let teamKey: Promise<CryptoKey> | undefined;

async function registerTeamKey(): Promise<CryptoKey> {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "team-key-1", alg: "RS256", use: "sig" };
  const response = await fetch(`https://${ACCESS_TEAM_DOMAIN}/__jwks`, {
    method: "PUT",
    body: JSON.stringify({ keys: [jwk] }),
  });
  if (response.status !== 204) throw new Error(`the outbound mock refused the JWKS (${response.status})`);
  return privateKey;
}

/** What to put in the token; every field defaults to what Access would issue for this app. */
export interface AccessClaims {
  readonly email?: string;
  /** A `groups` claim, of any shape (left out when undefined). */
  readonly groups?: unknown;
  readonly issuer?: string;
  readonly audience?: string;
  /** Seconds until expiry; negative for an expired token. @default 300 */
  readonly expiresInSeconds?: number;
  /** Sign with a fresh key the team does not have. @default false */
  readonly strangerKey?: boolean;
}

/** A `Cf-Access-Jwt-Assertion` value. */
export async function accessJwt(claims: AccessClaims = {}): Promise<string> {
  teamKey ??= registerTeamKey();
  const key = claims.strangerKey ? (await generateKeyPair("RS256")).privateKey : await teamKey;
  const now = Math.floor(Date.now() / 1000);
  const groups = claims.groups === undefined ? {} : { groups: claims.groups };
  return new SignJWT({ email: claims.email ?? WRITER_EMAIL, type: "app", ...groups })
    .setProtectedHeader({ alg: "RS256", kid: "team-key-1" })
    .setIssuer(claims.issuer ?? `https://${ACCESS_TEAM_DOMAIN}`)
    .setAudience(claims.audience ?? env.ACCESS_AUD)
    .setSubject("user-1234")
    .setIssuedAt(now - 10)
    .setExpirationTime(now + (claims.expiresInSeconds ?? 300))
    .sign(key);
}
