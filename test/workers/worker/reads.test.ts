// Reads through the sample Worker: the key it sends upstream, the dashboard assets, the
// session route, the simulator default, and reads being guarded once an authorizer exists.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, callWithEnv, envWith, errorCodeOf, upstreamReceived, withToken } from "./helpers";

describe("reads against the configured upstream", () => {
  it("forwards GET /api/v1/instances with the LAMBDA_API_KEY secret, not the dashboard token", async () => {
    await upstreamReceived();
    const response = await call("/api/v1/instances", { headers: withToken() });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: [] });
    expect(response.headers.get("x-lambda-cloud-upstream")).toBe("api");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const [sent, ...more] = await upstreamReceived();
    expect(more).toEqual([]);
    expect(sent?.path).toBe("/api/v1/instances");
    expect(sent?.headers.authorization).toBe(`Bearer ${env.LAMBDA_API_KEY}`);
  });

  it("refuses reads without credentials once an authorizer is configured (401 proxy/unauthorized)", async () => {
    const response = await call("/api/v1/instances");
    expect(response.status).toBe(401);
    expect(await errorCodeOf(response)).toBe("proxy/unauthorized");
    expect(await upstreamReceived()).toEqual([]);
  });

  it("serves reads to anyone, and nothing else, when no authorizer is configured", async () => {
    const readOnly = envWith({
      DASHBOARD_TOKEN: "",
      ACCESS_TEAM_DOMAIN: "",
      ACCESS_AUD: "",
      ACCESS_WRITER_EMAILS: "",
      ACCESS_WRITER_GROUPS: "",
    });
    expect((await callWithEnv(readOnly, "/api/v1/instances")).status).toBe(200);
    const session = await (await callWithEnv(readOnly, "/api/session")).json();
    expect(session).toEqual({ upstream: "api", authorized: true, writes: false, authorizers: [] });
    const launch = await callWithEnv(readOnly, "/api/v1/instance-operations/launch", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ region_name: "us-west-1", instance_type_name: "gpu_1x_a10", ssh_key_names: ["laptop"] }),
    });
    expect(launch.status).toBe(404);
    expect(await errorCodeOf(launch)).toBe("proxy/route-not-allowed");
    expect((await upstreamReceived()).map((request) => request.path)).toEqual(["/api/v1/instances"]);
  });
});

describe("GET /api/session", () => {
  it("reports writes for the dashboard token and a locked session without it", async () => {
    const unlocked = await call("/api/session", { headers: withToken() });
    expect(unlocked.headers.get("x-lambda-cloud-upstream")).toBe("api");
    expect(await unlocked.json()).toEqual({
      upstream: "api",
      authorized: true,
      writes: true,
      authorizers: ["token", "access"],
    });
    expect(await (await call("/api/session")).json()).toEqual({
      upstream: "api",
      authorized: false,
      writes: false,
      authorizers: ["token", "access"],
    });
  });

  it("answers 405 with Allow for other methods", async () => {
    const response = await call("/api/session", { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("the simulator upstream", () => {
  it("is used when no key is configured, and the Worker says so in a header and in the session", async () => {
    const offline = envWith({ LAMBDA_API_KEY: undefined, UPSTREAM: "" });
    const session = await callWithEnv(offline, "/api/session", { headers: withToken() });
    expect(session.headers.get("x-lambda-cloud-upstream")).toBe("simulator");
    expect(await session.json()).toMatchObject({ upstream: "simulator", writes: true });
    const response = await callWithEnv(offline, "/api/v1/instances", { headers: withToken() });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-lambda-cloud-upstream")).toBe("simulator");
    const { data } = (await response.json()) as { data: { name: string; status: string }[] };
    expect(data.map(({ name, status }) => [name, status])).toEqual([
      ["trainer", "active"],
      ["inference", "active"],
    ]);
    expect(await upstreamReceived()).toEqual([]);
  });

  it('is used with UPSTREAM = "simulator" even when a key is configured', async () => {
    const simulated = envWith({ UPSTREAM: "simulator" });
    const response = await callWithEnv(simulated, "/api/v1/ssh-keys", { headers: withToken() });
    expect(response.headers.get("x-lambda-cloud-upstream")).toBe("simulator");
    const { data } = (await response.json()) as { data: { name: string }[] };
    expect(data.map((key) => key.name)).toEqual(["laptop", "ci-runner"]);
    expect(await upstreamReceived()).toEqual([]);
  });
});

describe("the dashboard assets", () => {
  it("serves the dashboard page and its script for paths outside /api/", async () => {
    const page = await call("/");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/app.js"></script>');
    const script = await call("/app.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("javascript");
  });
});

describe("configuration errors", () => {
  it.each([
    [
      "a DASHBOARD_TOKEN shorter than 32 characters",
      { DASHBOARD_TOKEN: "short-token" },
      "DASHBOARD_TOKEN must be at least 32 characters",
    ],
    ["ACCESS_TEAM_DOMAIN without ACCESS_AUD", { ACCESS_AUD: "" }, "needs both ACCESS_TEAM_DOMAIN and ACCESS_AUD"],
    [
      "an ACCESS_TEAM_DOMAIN with a path",
      { ACCESS_TEAM_DOMAIN: "https://team.cloudflareaccess.com/x" },
      "ACCESS_TEAM_DOMAIN must be your Access team domain",
    ],
    [
      "writer emails without Access",
      { ACCESS_TEAM_DOMAIN: "", ACCESS_AUD: "", ACCESS_WRITER_GROUPS: "" },
      "ACCESS_WRITER_EMAILS and ACCESS_WRITER_GROUPS name Cloudflare Access users",
    ],
    [
      "writer groups without Access",
      { ACCESS_TEAM_DOMAIN: "", ACCESS_AUD: "", ACCESS_WRITER_EMAILS: "" },
      "ACCESS_WRITER_EMAILS and ACCESS_WRITER_GROUPS name Cloudflare Access users",
    ],
    [
      "a writer email that is not an email",
      { ACCESS_WRITER_EMAILS: "ops@example.com, operators" },
      'ACCESS_WRITER_EMAILS holds "operators", which is not an email',
    ],
    [
      "an UPSTREAM that is not a URL",
      { UPSTREAM: "cloud.lambda.ai" },
      'UPSTREAM must be empty (the Lambda Cloud API), "simulator", or a base URL',
    ],
    [
      "a plain-http UPSTREAM off loopback",
      { UPSTREAM: "http://upstream.test/api/v1" },
      "uses plain http: the API key would cross the network in clear text",
    ],
    ['ALLOWED_ORIGINS "*" with writes enabled', { ALLOWED_ORIGINS: "*" }, 'cors.origins may not contain "*"'],
  ])("answers 500 worker/misconfigured naming the problem for %s", async (_, overrides, message) => {
    const response = await callWithEnv(envWith(overrides), "/api/v1/instances", { headers: withToken() });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("worker/misconfigured");
    expect(body.error.message).toContain(message);
  });
});
