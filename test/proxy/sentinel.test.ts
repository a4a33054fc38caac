/**
 * The sentinel battery: hundreds of hostile requests (random paths, encodings, headers,
 * methods, bodies, origins) against upstreams that echo every request header back, in
 * bodies, headers and errors. The random key must never appear in any response body or
 * header, or in any log line.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inMemoryKey } from "../../src/auth/providers/in-memory.js";
import { operationRouteList } from "../../src/operations.js";
import { createLambdaProxy, type ProxyHandler, type ProxyLogRecord } from "../../src/proxy/index.js";
import { samplePath, sentinel } from "./helpers.js";
import { type RunningServer, serve } from "./node-server.js";

const SEED = 0x5eed_1e55;
const IN_PROCESS_REQUESTS = 600;
const OVER_HTTP_REQUESTS = 60;
const DASHBOARD = "https://dash.example.com";

/** A small deterministic PRNG (mulberry32), so a failure can be replayed from the seed. */
function randomFrom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof randomFrom>;

/** The forms of the key the assertions search for, computed independently of the proxy. */
function formsOf(key: string): string[] {
  return [key, btoa(`${key}:`), encodeURIComponent(key)];
}

/** Everything the upstream received, as text: what an echoing server would reflect. */
function echoOf(request: Request): { text: string; headers: [string, string][] } {
  const headers = [...request.headers];
  return { text: headers.map(([name, value]) => `${name}: ${value}`).join("\n"), headers };
}

/** A response body that arrives in random small chunks. */
function dribble(text: string, random: Random): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      const size = 1 + random.int(9);
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

/** An upstream that tries every way to hand the key back; `calls` counts the requests it got. */
function hostileUpstream(random: Random): typeof globalThis.fetch & { calls: number } {
  const upstream = async (input: RequestInfo | URL, init?: RequestInit) => {
    upstream.calls += 1;
    const request = new Request(input, init);
    const { text, headers } = echoOf(request);
    const authorization = request.headers.get("authorization") ?? "";
    const key = authorization.replace(/^Bearer /, "");
    const basic = btoa(`${key}:`);
    const echoHeaders = () => {
      const out = new Headers({ "content-type": "application/json" });
      for (const [name, value] of headers) out.append(`x-echo-${name}`, value);
      for (const name of [
        "x-request-id",
        "retry-after",
        "x-ratelimit-remaining",
        "ratelimit",
        "set-cookie",
        "location",
        "www-authenticate",
      ]) {
        out.set(name, `${authorization} ${basic}`);
      }
      out.set("content-type", `application/json; note=${key}`);
      return out;
    };
    switch (random.int(8)) {
      case 0:
        return Response.json({ data: { headers: Object.fromEntries(headers) } }, { headers: echoHeaders() });
      case 1:
        return Response.json(
          {
            error: {
              code: "global/invalid-api-key",
              message: `API key ${key} was invalid`,
              suggestion: `You sent: ${text}`,
              request_id: basic,
            },
          },
          { status: 401, headers: echoHeaders() },
        );
      case 2:
        return new Response(dribble(`{"data":${JSON.stringify(text)},"basic":"${basic}","raw":"${key}"}`, random), {
          headers: echoHeaders(),
        });
      case 3:
        return new Response(dribble(`Internal error while handling:\n${text}\n`, random), {
          status: 500,
          headers: echoHeaders(),
        });
      case 4:
        return new Response(`see ${key}`, {
          status: 302,
          headers: { location: `https://evil.example/?k=${encodeURIComponent(key)}` },
        });
      case 5:
        throw new TypeError(`connection reset while sending ${authorization}`);
      case 6:
        return new Response(null, { status: 204, headers: echoHeaders() });
      default:
        return Response.json(
          { error: { code: "global/invalid-parameters", message: `bad: ${encodeURIComponent(key)}` } },
          { status: 400 },
        );
    }
  };
  upstream.calls = 0;
  return upstream;
}

const HOSTILE_PATHS = [
  "/api/v1/../../etc/passwd",
  "/api/v1/%2e%2e/%2e%2e/admin",
  "/api/v1/instances%2f..%2f..%2fadmin",
  "/api/v1//instances",
  "/api/v1/instances/%00",
  "/api/v1/instances\\..\\ssh-keys",
  "/api/v1/http://evil.example/",
  "/api/v1/instances?cluster_id=a&__proto__=x",
  "/api/v1/instances?authorization=Bearer%20x",
  "/api/v1/instance-types?callback=alert",
  "/api/v1/%252e%252e/",
  "/api/v1/instances/;jsessionid=1",
  "/api/v1/firewall-rulesets/GLOBAL",
  "/api/v1/tickets/x/attachments/..%2f",
  "/api/v1",
  "/",
  "/favicon.ico",
];

function randomHeaders(random: Random): Headers {
  const headers = new Headers();
  const add = (name: string, value: string) => {
    if (random.chance(0.5)) headers.set(name, value);
  };
  add("authorization", random.pick(["Bearer guess", "Basic Z3Vlc3M6", "Bearer ", "token x"]));
  add("cookie", "session=abc; CF_Authorization=def");
  add("origin", random.pick([DASHBOARD, DASHBOARD, "http://proxy.test", "https://evil.example", "null"]));
  add("x-forwarded-for", "203.0.113.1");
  add("x-forwarded-host", "evil.example");
  add("forwarded", "for=1.2.3.4;host=evil.example");
  add("cf-connecting-ip", random.pick(["198.51.100.1", "::1", "not-an-ip"]));
  add("cf-access-jwt-assertion", "a.b.c");
  add("content-type", random.pick(["application/json", "text/plain", "multipart/form-data; boundary=x"]));
  add("accept", random.pick(["application/json", "*/*", "text/html"]));
  add("x-http-method-override", "DELETE");
  add("access-control-request-method", random.pick(["GET", "POST", "DELETE"]));
  add("x-lambda-key-please", "1");
  return headers;
}

function randomBody(random: Random, method: string): BodyInit | undefined {
  if (method === "GET" || method === "HEAD") return undefined;
  switch (random.int(5)) {
    case 0:
      return undefined;
    case 1:
      return JSON.stringify({ instance_ids: ["0920582c7ff041399e34823a0be62549"], name: "x" });
    case 2:
      return "x".repeat(5000);
    case 3:
      return new Uint8Array(64).map((_, index) => (index * 37) % 256);
    default:
      return `{"user_data":"${"A".repeat(100 + random.int(3000))}"}`;
  }
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "PROPFIND"];

function randomRequest(random: Random, origin: string): Request {
  const route = random.pick(operationRouteList);
  const hostilePath = random.chance(0.3);
  let path = hostilePath ? random.pick(HOSTILE_PATHS) : `/api/v1${samplePath(route)}`;
  if (!hostilePath && random.chance(0.15)) path = path.toUpperCase();
  if (!hostilePath && random.chance(0.2))
    path += random.pick(["/", "?status=open", "?x=1", "?page_token=%00", "#frag", "?start=2024-01-01T00:00:00Z"]);
  const method = random.chance(0.8) ? route.method : random.pick(METHODS);
  return new Request(`${origin}${path}`, {
    method,
    headers: randomHeaders(random),
    body: randomBody(random, method) ?? null,
  });
}

/** A proxy allowing everything, with a random authorizer and rate limit, logging into `logs`. */
function hostileProxy(
  key: string,
  random: Random,
  logs: ProxyLogRecord[],
  upstream: typeof globalThis.fetch,
): ProxyHandler {
  return createLambdaProxy({
    apiKey: inMemoryKey(key, { name: "sentinel" }),
    upstream: "https://upstream.test/api/v1",
    allow: "read-write",
    authorize: async () => random.pick([true, true, true, false, { id: "user-1" }]),
    cors: { origins: [DASHBOARD] },
    rateLimit: async () => random.chance(0.9),
    maxBodyBytes: 4096,
    fetch: upstream,
    log: (record) => logs.push(record),
  });
}

/** Reads all of a response, headers and status text included, as one string. */
async function everything(response: Response): Promise<string> {
  return `${response.status} ${response.statusText}\n${JSON.stringify([...response.headers])}\n${await response.text()}`;
}

function expectNoKey(text: string, key: string, context: string): void {
  for (const form of formsOf(key))
    expect(text.includes(form), `${context}: the key appeared as ${form === key ? "is" : "an encoded form"}`).toBe(
      false,
    );
}

describe("the sentinel battery", () => {
  it(`never shows the key in ${IN_PROCESS_REQUESTS} hostile requests to the handler (seed ${SEED})`, async () => {
    const key = sentinel();
    const random = randomFrom(SEED);
    const logs: ProxyLogRecord[] = [];
    const upstream = hostileUpstream(random);
    const handle = hostileProxy(key, random, logs, upstream);
    const statuses = new Map<number, number>();
    for (let index = 0; index < IN_PROCESS_REQUESTS; index++) {
      const request = randomRequest(random, "http://proxy.test");
      const label = `request ${index}: ${request.method} ${request.url}`;
      const response = await handle(request);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expectNoKey(await everything(response), key, label);
    }
    expect(logs).toHaveLength(IN_PROCESS_REQUESTS);
    expectNoKey(JSON.stringify(logs), key, "logs");
    // The battery is only worth something if it reached the upstream's echoes and the proxy's refusals.
    expect(upstream.calls).toBeGreaterThanOrEqual(100);
    for (const status of [200, 204, 400, 401, 403, 404, 405, 413, 429, 500, 502])
      expect(statuses.has(status), `status ${status} seen`).toBe(true);
  });

  describe("over real HTTP (toNodeListener)", () => {
    const key = sentinel();
    const random = randomFrom(SEED + 1);
    const logs: ProxyLogRecord[] = [];
    let server: RunningServer;
    beforeAll(async () => {
      server = await serve(hostileProxy(key, random, logs, hostileUpstream(random)));
    });
    afterAll(() => server.close());

    it(`never shows the key in ${OVER_HTTP_REQUESTS} hostile requests`, async () => {
      for (let index = 0; index < OVER_HTTP_REQUESTS; index++) {
        const request = randomRequest(random, server.origin);
        const label = `request ${index}: ${request.method} ${request.url}`;
        expectNoKey(await everything(await fetch(request)), key, label);
      }
      expect(logs.length).toBe(OVER_HTTP_REQUESTS);
      expectNoKey(JSON.stringify(logs), key, "logs");
    });
  });

  it("catches a leak: the same check fails on a text holding the key or its Basic form", () => {
    const key = sentinel();
    expect(() => expectNoKey(`{"echo":"Bearer ${key}"}`, key, "raw")).toThrow();
    expect(() => expectNoKey(`{"echo":"Basic ${btoa(`${key}:`)}"}`, key, "basic")).toThrow();
  });
});
