// accessAuthorizer on its own (examples/worker/src/access.ts), with the key set injected
// instead of fetched: who it names, and what it refuses.
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { accessAuthorizer } from "../../../examples/worker/src/access";
import { ConfigurationError } from "../../../examples/worker/src/configuration-error";

const TEAM = "injected-team.cloudflareaccess.com";
const AUDIENCE = "injected-audience";
let signingKey: CryptoKey;
let authorize: ReturnType<typeof accessAuthorizer>;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  signingKey = privateKey;
  const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256" }] });
  authorize = accessAuthorizer({ teamDomain: `https://${TEAM}`, audience: AUDIENCE, keys });
});

function token(claims: JWTPayload): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setIssuer(`https://${TEAM}`)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(signingKey);
}

const requestWith = (assertion: string) => new Request("https://dash.example/api/v1/instances", { headers: { "cf-access-jwt-assertion": assertion } });

describe("accessAuthorizer", () => {
  it("names the caller by the token's email", async () => {
    expect(await authorize(requestWith(await token({ email: "ops@example.com", sub: "u1" })))).toEqual({ id: "ops@example.com" });
  });

  it("names a service token by its subject when it has no email", async () => {
    expect(await authorize(requestWith(await token({ sub: "service-token-1" })))).toEqual({ id: "service-token-1" });
  });

  it("refuses a request without the header, and a token without exp", async () => {
    expect(await authorize(new Request("https://dash.example/"))).toBe(false);
    const noExpiry = await new SignJWT({ email: "ops@example.com" })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(`https://${TEAM}`)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .sign(signingKey);
    expect(await authorize(requestWith(noExpiry))).toBe(false);
  });

  it.each(["myteam.cloudflareaccess.com/path", "http://myteam.cloudflareaccess.com", "https://user@myteam.cloudflareaccess.com", "not a domain"])(
    "rejects the team domain %s as configuration",
    (teamDomain) => {
      expect(() => accessAuthorizer({ teamDomain, audience: AUDIENCE })).toThrow(ConfigurationError);
    },
  );
});
