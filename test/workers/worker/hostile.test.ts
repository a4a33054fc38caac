// The hostile battery: well over 100 requests meant to break the sample Worker (traversal,
// smuggling, forged headers and origins, oversized and lying bodies, bad credentials, and an
// upstream that echoes the request's headers back in error bodies, headers and split chunks),
// against the fake upstream and the simulator. The sentinel API key (LAMBDA_API_KEY, random per
// run) must appear in no response status, header or body, and in no console line.
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accessJwt } from "./access-jwt";
import { callWithEnv, envWith, everythingIn, withToken } from "./helpers";
import { ECHO_INSTANCE_ID } from "./outbound";

const ID = "0123456789abcdef0123456789abcdef";

/** Every form the key could leak in: as is, as an HTTP Basic credential, URL-encoded. */
const keyForms = [env.LAMBDA_API_KEY, btoa(`${env.LAMBDA_API_KEY}:`), encodeURIComponent(env.LAMBDA_API_KEY)];

const HOSTILE_PATHS = [
  "/api/v1/../v1/instances",
  "/api/v1/%2e%2e/instances",
  "/api/v1/%2E%2E%2Finstances",
  "/api/v1/instances%2f..%2fssh-keys",
  "/api/v1/instances%5c..",
  "/api/v1//instances",
  "/api/v1/./instances",
  "/api/v1/instances/..;/ssh-keys",
  "/api/v1/%252e%252e/instances",
  "/api/v1/instances%00",
  "/api/v1/instances%20",
  "/api/v1/INSTANCES",
  "/api/v2/instances",
  "/api/instances",
  "/api/",
  "/api",
  "/api/v1",
  "/api/v1/",
  "/api/v1/instances?foo=bar",
  "/api/v1/instances?cluster_id=a&authorization=x",
  "/api/v1/instances/not-a-hex-id",
  `/api/v1/instances/${"a".repeat(33)}`,
  `/api/v1/instances/${ID.toUpperCase()}`,
  `/api/v1/instances/${ID}/..`,
  "/api/v1/images/%00",
  "/api/v1/ssh-keys/../../admin",
  "/api/v1/https://evil.example/api/v1/instances",
  "/api/v1/instances@evil.example",
  "/api/session/../v1/instances",
  "/api/session%2f..",
  `/api/v1/instances/${ECHO_INSTANCE_ID}`,
  "/api/v1/images",
  "/api/v1/instance-types",
  "/api/v1/audit-events?page_token=%0d%0aSet-Cookie:x",
];

type Case = readonly [label: string, path: string, init: RequestInit];

function credentialsVariants(jwt: string): [string, Record<string, string>][] {
  return [
    ["no credentials", {}],
    ["the dashboard token", withToken()],
    ["an Access JWT", { "cf-access-jwt-assertion": jwt }],
  ];
}

function cases(jwt: string): Case[] {
  const list: Case[] = [];
  for (const path of HOSTILE_PATHS) {
    for (const [who, headers] of credentialsVariants(jwt)) list.push([`GET ${path} with ${who}`, path, { headers }]);
  }
  const forged = {
    ...withToken(),
    cookie: "session=stolen; CF_Authorization=forged",
    "cf-connecting-ip": "203.0.113.7",
    "cf-ray": "forged",
    "x-forwarded-for": "203.0.113.8",
    "x-forwarded-host": "evil.example",
    forwarded: "for=203.0.113.9;host=evil.example",
    "x-real-ip": "203.0.113.10",
    "x-original-url": "/api/v1/ssh-keys",
    "x-http-method-override": "DELETE",
    "accept-encoding": "gzip, br",
  };
  for (const path of ["/api/v1/instances", `/api/v1/instances/${ECHO_INSTANCE_ID}`, "/api/v1/images"]) {
    list.push([`GET ${path} with forged forwarding headers`, path, { headers: forged }]);
    list.push([
      `GET ${path} from an evil origin`,
      path,
      { headers: { ...withToken(), origin: "https://evil.example" } },
    ]);
    list.push([`HEAD ${path}`, path, { method: "HEAD", headers: withToken() }]);
  }
  for (const method of ["PUT", "PATCH", "DELETE", "POST", "OPTIONS"]) {
    for (const path of ["/api/v1/instances", "/api/v1/instance-types", `/api/v1/ssh-keys/${ID}`, "/api/session"]) {
      list.push([
        `${method} ${path}`,
        path,
        {
          method,
          headers: { ...withToken(), "content-type": "application/json" },
          body: method === "OPTIONS" ? null : "{}",
        },
      ]);
    }
  }
  const launch = "/api/v1/instance-operations/launch";
  const json = { ...withToken(), "content-type": "application/json" };
  const big = "x".repeat(3 * 1024 * 1024);
  list.push([
    "a 3 MiB launch body",
    launch,
    { method: "POST", headers: json, body: JSON.stringify({ user_data: big }) },
  ]);
  list.push([
    "a 3 MiB launch body streamed without Content-Length",
    launch,
    { method: "POST", headers: json, body: new Blob([big]).stream(), duplex: "half" } as RequestInit,
  ]);
  list.push(["malformed JSON", launch, { method: "POST", headers: json, body: "{not json" }]);
  list.push(["a JSON array", launch, { method: "POST", headers: json, body: "[]" }]);
  list.push([
    "unknown launch fields",
    launch,
    { method: "POST", headers: json, body: JSON.stringify({ region_name: "x", upstream: "https://evil.example" }) },
  ]);
  list.push([
    "a form-encoded launch",
    launch,
    { method: "POST", headers: { ...withToken(), "content-type": "application/x-www-form-urlencoded" }, body: "a=b" },
  ]);
  list.push([
    "a launch with no credentials",
    launch,
    { method: "POST", headers: { "content-type": "application/json" }, body: "{}" },
  ]);
  for (const authorization of [
    "Bearer",
    "Bearer ",
    `Bearer ${"A".repeat(10_000)}`,
    `Basic ${btoa("admin:admin")}`,
    `Bearer ${env.DASHBOARD_TOKEN}, Bearer other`,
    "Bearer \u00ff\u00fe",
  ]) {
    list.push([
      `Authorization ${JSON.stringify(authorization.slice(0, 24))}`,
      "/api/v1/instances",
      { headers: { authorization } },
    ]);
  }
  for (const assertion of [
    "",
    "a.b.c",
    `${jwt}.extra`,
    jwt.replace(/\.[^.]+$/, ".AAAA"),
    "e30.e30.",
    "x".repeat(20_000),
  ]) {
    list.push([
      `a forged Access assertion (${assertion.length} chars)`,
      "/api/v1/instances",
      { headers: { "cf-access-jwt-assertion": assertion } },
    ]);
  }
  return list;
}

describe("the hostile battery", () => {
  const consoleLines: string[] = [];

  beforeAll(() => {
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        consoleLines.push(args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));
      });
    }
  });
  afterAll(() => vi.restoreAllMocks());

  it("never shows the API key, in over 200 hostile requests to the fake upstream and the simulator", async () => {
    const jwt = await accessJwt();
    const upstreams = [
      ["the echoing upstream", envWith({ RATE_LIMITER: undefined })],
      ["the simulator", envWith({ RATE_LIMITER: undefined, UPSTREAM: "simulator" })],
    ] as const;
    let sent = 0;
    const statuses = new Map<number, number>();
    for (const [upstreamName, variant] of upstreams) {
      // Fresh cases per upstream: a streamed body can be sent only once.
      for (const [label, path, init] of cases(jwt)) {
        const response = await callWithEnv(variant, path, init);
        const text = await everythingIn(response);
        sent += 1;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        for (const form of keyForms) {
          expect(text.includes(form), `${label} against ${upstreamName} showed the key: ${text.slice(0, 300)}`).toBe(
            false,
          );
        }
        expect(text, `${label} against ${upstreamName} crashed the proxy`).not.toContain("proxy/internal-error");
      }
    }
    expect(sent).toBeGreaterThanOrEqual(200);
    // The battery reached the upstream too: the echoes came back (scrubbed) as 500 and 400.
    expect(statuses.get(500)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(consoleLines.length).toBeGreaterThanOrEqual(sent / 2);
    for (const line of consoleLines) for (const form of keyForms) expect(line.includes(form)).toBe(false);
  });

  it("scrubs the key from an upstream error that echoes the request headers", async () => {
    const response = await callWithEnv(envWith({ RATE_LIMITER: undefined }), `/api/v1/instances/${ECHO_INSTANCE_ID}`, {
      headers: withToken(),
    });
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).toContain("Echo:");
    expect(body).toContain("[redacted]");
    expect(body).not.toContain(env.LAMBDA_API_KEY);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("x-echo-authorization")).toBeNull();
  });
});
