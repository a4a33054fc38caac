// accessAuthorizer on its own (examples/worker/src/access.ts), with the key set injected
// instead of fetched: who it names, who among them may write, and what it refuses. The tokens
// are real RS256 JWTs, signed here.
import { type CryptoKey, createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { accessAuthorizer } from "../../../examples/worker/src/access";
import { ConfigurationError } from "../../../examples/worker/src/configuration-error";

const TEAM = "injected-team.cloudflareaccess.com";
const AUDIENCE = "injected-audience";
let signingKey: CryptoKey;
let authorize: ReturnType<typeof accessAuthorizer>;
let viewersOnly: ReturnType<typeof accessAuthorizer>;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  signingKey = privateKey;
  const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256" }] });
  authorize = accessAuthorizer({
    teamDomain: `https://${TEAM}`,
    audience: AUDIENCE,
    keys,
    writers: { emails: ["Lead@Example.com"], groups: ["gpu-operators", "00g1a2b3c4"] },
  });
  viewersOnly = accessAuthorizer({ teamDomain: TEAM, audience: AUDIENCE, keys });
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

const requestWith = (assertion: string) =>
  new Request("https://dash.example/api/v1/instances", { headers: { "cf-access-jwt-assertion": assertion } });

describe("accessAuthorizer", () => {
  it("names the caller by the token's email, as a viewer unless listed as a writer", async () => {
    expect(await authorize(requestWith(await token({ email: "ops@example.com", sub: "u1" })))).toEqual({
      id: "ops@example.com",
      writes: false,
    });
  });

  it("names a service token by its subject when it has no email, as a viewer", async () => {
    expect(await authorize(requestWith(await token({ sub: "service-token-1" })))).toEqual({
      id: "service-token-1",
      writes: false,
    });
  });

  it("lets a listed email write, whatever its case", async () => {
    for (const email of ["lead@example.com", "LEAD@EXAMPLE.COM", "Lead@Example.com"]) {
      expect(await authorize(requestWith(await token({ email })))).toEqual({ id: email, writes: true });
    }
  });

  it.each<[string, unknown]>([
    ["a group name", ["viewers", "gpu-operators"]],
    ["a group id", ["00g1a2b3c4"]],
    ["an object's name", [{ id: "x1", name: "gpu-operators", email: "gpu-operators@example.com" }]],
    ["an object's id", [{ id: "00g1a2b3c4", name: "Operators" }]],
  ])("lets a member of a writer group write, by %s in the groups claim", async (_, groups) => {
    expect(await authorize(requestWith(await token({ email: "ops@example.com", groups })))).toEqual({
      id: "ops@example.com",
      writes: true,
    });
  });

  it.each<[string, unknown]>([
    ["other groups", ["viewers", "GPU-Operators", "gpu-operators "]],
    ["no groups", []],
    ["a string instead of a list", "gpu-operators"],
    ["an object instead of a list", { name: "gpu-operators" }],
    ["objects with the group under another field", [{ group: "gpu-operators" }, { name: ["gpu-operators"] }]],
    ["numbers and nulls", [null, 1, true]],
  ])("keeps the caller a viewer with %s in the groups claim", async (_, groups) => {
    expect(await authorize(requestWith(await token({ email: "ops@example.com", groups })))).toEqual({
      id: "ops@example.com",
      writes: false,
    });
  });

  it("keeps an email that only looks like a writer's a viewer", async () => {
    for (const email of ["lead@example.com.evil.test", "xlead@example.com", "lead@example.co"]) {
      expect((await authorize(requestWith(await token({ email })))) as { writes: boolean }).toMatchObject({
        writes: false,
      });
    }
  });

  it("makes every caller a viewer when no writers are configured, groups and all", async () => {
    expect(
      await viewersOnly(requestWith(await token({ email: "lead@example.com", groups: ["gpu-operators"] }))),
    ).toEqual({ id: "lead@example.com", writes: false });
  });

  it("refuses a writer's token signed by another key", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT({ email: "lead@example.com", groups: ["gpu-operators"] })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(`https://${TEAM}`)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);
    expect(await authorize(requestWith(forged))).toBe(false);
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

  it.each([
    "myteam.cloudflareaccess.com/path",
    "http://myteam.cloudflareaccess.com",
    "https://user@myteam.cloudflareaccess.com",
    "not a domain",
  ])("rejects the team domain %s as configuration", (teamDomain) => {
    expect(() => accessAuthorizer({ teamDomain, audience: AUDIENCE })).toThrow(ConfigurationError);
  });
});
