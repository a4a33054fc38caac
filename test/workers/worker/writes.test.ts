// Writes through the sample Worker: allowed only for the dashboard token or a valid Cloudflare
// Access JWT (right team, right audience, right key, not expired) of a writer (an email on
// ACCESS_WRITER_EMAILS or a group on ACCESS_WRITER_GROUPS), and refused before anything reaches
// the upstream otherwise. Other Access users are viewers: they read, and nothing more.

import { env } from "cloudflare:workers";
import {
  AuthenticationError,
  type InstanceLaunchRequest,
  LambdaCloudClient,
  PermissionDeniedError,
} from "lambda-cloud";
import { describe, expect, it } from "vitest";
import { type AccessClaims, accessJwt } from "./access-jwt";
import { call, callWithEnv, envWith, errorCodeOf, ORIGIN, upstreamReceived, withToken, workerFetch } from "./helpers";
import { WRITER_GROUP } from "./outbound";

const LAUNCH = {
  region_name: "us-west-1",
  instance_type_name: "gpu_1x_a10",
  ssh_key_names: ["laptop"],
} satisfies InstanceLaunchRequest;

function launch(headers: Record<string, string>): Promise<Response> {
  return call("/api/v1/instance-operations/launch", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(LAUNCH),
  });
}

describe("writes with the dashboard token", () => {
  it("forwards a launch with the API key in place of the token", async () => {
    await upstreamReceived();
    const response = await launch(withToken());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { instance_ids: ["0123456789abcdef0123456789abcdef"] } });
    const [sent] = await upstreamReceived();
    expect(sent).toMatchObject({
      method: "POST",
      path: "/api/v1/instance-operations/launch",
      body: JSON.stringify(LAUNCH),
    });
    expect(sent?.headers.authorization).toBe(`Bearer ${env.LAMBDA_API_KEY}`);
  });

  it("refuses a launch without credentials with 401 proxy/unauthorized, forwarding nothing", async () => {
    const response = await launch({});
    expect(response.status).toBe(401);
    expect(await errorCodeOf(response)).toBe("proxy/unauthorized");
    expect(await upstreamReceived()).toEqual([]);
  });

  it.each([
    ["a wrong token of the same length", "0".repeat(64)],
    [
      "the token with one character changed",
      `${env.DASHBOARD_TOKEN.slice(0, -1)}${env.DASHBOARD_TOKEN.endsWith("a") ? "b" : "a"}`,
    ],
    ["a prefix of the token", env.DASHBOARD_TOKEN.slice(0, 32)],
    ["the token with a suffix", `${env.DASHBOARD_TOKEN}x`],
  ])("refuses %s with 403 proxy/unauthorized", async (_, token) => {
    const response = await launch(withToken(token));
    expect(response.status).toBe(403);
    expect(await errorCodeOf(response)).toBe("proxy/unauthorized");
    expect(await upstreamReceived()).toEqual([]);
  });

  it("refuses the token sent other than as a Bearer credential", async () => {
    for (const authorization of [
      env.DASHBOARD_TOKEN,
      `Basic ${btoa(`${env.DASHBOARD_TOKEN}:`)}`,
      `Token ${env.DASHBOARD_TOKEN}`,
    ]) {
      expect((await launch({ authorization })).status).toBe(403);
    }
    expect((await launch({ cookie: `token=${env.DASHBOARD_TOKEN}` })).status).toBe(403);
    expect(await upstreamReceived()).toEqual([]);
  });

  it("lets the lambda-cloud client launch with the token as its credential, and maps a refusal to a typed error", async () => {
    const clientWith = (credential: string) =>
      new LambdaCloudClient({
        baseUrl: `${ORIGIN}/api/v1`,
        apiKey: () => credential,
        fetch: workerFetch,
        rateLimit: false,
        maxRetries: 0,
      });
    expect(await clientWith(env.DASHBOARD_TOKEN).instances.launch(LAUNCH)).toEqual({
      instance_ids: ["0123456789abcdef0123456789abcdef"],
    });
    const refused = await clientWith("lambda-cloud-dashboard-without-token")
      .instances.terminate("0123456789abcdef0123456789abcdef")
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PermissionDeniedError);
    expect((refused as PermissionDeniedError).code).toBe("proxy/unauthorized");
    expect(refused).not.toBeInstanceOf(AuthenticationError);
    expect((await upstreamReceived()).map((request) => request.path)).toEqual(["/api/v1/instance-operations/launch"]);
  });
});

describe("writes with Cloudflare Access", () => {
  it("forwards a launch carrying a valid Cf-Access-Jwt-Assertion of a writer", async () => {
    const response = await launch({ "cf-access-jwt-assertion": await accessJwt() });
    expect(response.status).toBe(200);
    const [sent] = await upstreamReceived();
    expect(sent?.headers.authorization).toBe(`Bearer ${env.LAMBDA_API_KEY}`);
    expect(sent?.headers["cf-access-jwt-assertion"]).toBeUndefined();
  });

  it.each<[string, AccessClaims]>([
    ["another application's audience", { audience: "aud-of-another-app" }],
    ["another team as issuer", { issuer: "https://other-team.cloudflareaccess.com" }],
    ["a key the team does not have", { strangerKey: true }],
    ["an expired token", { expiresInSeconds: -60 }],
  ])("refuses a JWT with %s (403, nothing forwarded)", async (_, claims) => {
    const response = await launch({ "cf-access-jwt-assertion": await accessJwt(claims) });
    expect(response.status).toBe(403);
    expect(await errorCodeOf(response)).toBe("proxy/unauthorized");
    expect(await upstreamReceived()).toEqual([]);
  });

  it("refuses a malformed or unsigned JWT", async () => {
    const valid = await accessJwt();
    const [header = "", payload = ""] = valid.split(".");
    const unsigned = `${btoa(JSON.stringify({ alg: "none" })).replace(/=+$/, "")}.${payload}.`;
    for (const token of ["not-a-jwt", `${header}.${payload}.`, unsigned, `${valid}x`]) {
      expect((await launch({ "cf-access-jwt-assertion": token })).status).toBe(403);
    }
    expect(await upstreamReceived()).toEqual([]);
  });

  it("reports the Access session of a writer as allowed to write", async () => {
    const session = await call("/api/session", { headers: { "cf-access-jwt-assertion": await accessJwt() } });
    expect(await session.json()).toMatchObject({ authorized: true, writes: true });
  });
});

describe("Cloudflare Access viewers", () => {
  const viewer = (claims: AccessClaims = {}) => accessJwt({ email: "viewer@example.com", ...claims });
  const TERMINATE = { instance_ids: ["0123456789abcdef0123456789abcdef"] };

  it("lets a viewer read, and refuses its launch and terminate with 403, forwarding nothing", async () => {
    const headers = { "cf-access-jwt-assertion": await viewer({ groups: ["viewers"] }) };
    expect((await call("/api/v1/instances", { headers })).status).toBe(200);
    expect((await upstreamReceived()).map((request) => request.path)).toEqual(["/api/v1/instances"]);
    const launched = await launch(headers);
    expect(launched.status).toBe(403);
    expect(await errorCodeOf(launched)).toBe("proxy/unauthorized");
    const terminated = await call("/api/v1/instance-operations/terminate", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(TERMINATE),
    });
    expect(terminated.status).toBe(403);
    expect(await upstreamReceived()).toEqual([]);
  });

  it("reports a viewer's session as authorized, without writes", async () => {
    const session = await call("/api/session", { headers: { "cf-access-jwt-assertion": await viewer() } });
    expect(await session.json()).toEqual({
      upstream: "api",
      authorized: true,
      writes: false,
      authorizers: ["token", "access"],
    });
  });

  it("lets a member of a writer group launch, by a group name or a group object in the groups claim", async () => {
    for (const groups of [[WRITER_GROUP], [{ id: "00g9", name: WRITER_GROUP }]]) {
      const response = await launch({ "cf-access-jwt-assertion": await viewer({ groups }) });
      expect(response.status).toBe(200);
    }
    expect((await upstreamReceived()).map((request) => request.path)).toEqual([
      "/api/v1/instance-operations/launch",
      "/api/v1/instance-operations/launch",
    ]);
  });

  it("lets a viewer who also sends the dashboard token write", async () => {
    const response = await launch({ "cf-access-jwt-assertion": await viewer(), ...withToken() });
    expect(response.status).toBe(200);
    expect(await upstreamReceived()).toHaveLength(1);
  });

  it("makes every Access user a viewer when no writers are configured, and then allows only reads", async () => {
    const viewersOnly = envWith({ DASHBOARD_TOKEN: "", ACCESS_WRITER_EMAILS: "", ACCESS_WRITER_GROUPS: "" });
    const headers = { "cf-access-jwt-assertion": await accessJwt({ groups: [WRITER_GROUP] }) };
    expect((await callWithEnv(viewersOnly, "/api/v1/instances", { headers })).status).toBe(200);
    expect((await callWithEnv(viewersOnly, "/api/v1/instances")).status).toBe(401);
    const session = await callWithEnv(viewersOnly, "/api/session", { headers });
    expect(await session.json()).toEqual({ upstream: "api", authorized: true, writes: false, authorizers: ["access"] });
    const launched = await callWithEnv(viewersOnly, "/api/v1/instance-operations/launch", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(LAUNCH),
    });
    expect(launched.status).toBe(404);
    expect(await errorCodeOf(launched)).toBe("proxy/route-not-allowed");
    expect((await upstreamReceived()).map((request) => request.path)).toEqual(["/api/v1/instances"]);
  });
});
