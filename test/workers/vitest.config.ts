// The "workers" vitest project: test/workers/**/*.test.ts run inside workerd through
// @cloudflare/vitest-plugin. Referenced from the root vitest.config.ts.
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";

// Keep wrangler and miniflare offline: no metrics, no download of the request.cf object.
process.env.WRANGLER_SEND_METRICS ??= "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";

// The secret binding gets a fresh random key per run, so tests can look for it in outputs.
const sentinelKey = `lc-sentinel-${randomUUID()}`;

const UPSTREAM_HOST = "upstream.test";
const received = new Map<string, string[]>();
const accepted = new Map<string, string>();

/**
 * The mock Lambda Cloud API, plugged in as the runner Worker's `outboundService`: every
 * fetch() made inside workerd (by the tests, the Worker or the client) lands here, in Node,
 * so nothing leaves the machine.
 *
 *   GET https://upstream.test/<tag>/api/v1/instances -> { data: [] }; records the
 *                                                      Authorization header under <tag>
 *   GET https://upstream.test/__received/<tag>       -> the recorded headers, oldest first
 *   PUT https://upstream.test/__accept/<tag>         -> from now on, <tag> answers 401 unless the
 *                                                      Authorization header equals the body
 *
 * Each test uses its own <tag> (in the client's baseUrl or the Worker's ?tag=), so tests
 * do not see each other's requests.
 */
async function upstream(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.hostname !== UPSTREAM_HOST) {
    return new Response(`The workerd tests may only reach ${UPSTREAM_HOST}, not ${url.hostname}.`, { status: 502 });
  }
  const [tag = "", ...rest] = url.pathname.slice(1).split("/");
  if (tag === "__received") return Response.json(received.get(rest[0] ?? "") ?? []);
  if (tag === "__accept" && request.method === "PUT") {
    accepted.set(rest[0] ?? "", await request.text());
    return new Response(null, { status: 204 });
  }

  const authorization = request.headers.get("authorization") ?? "<none>";
  received.set(tag, [...(received.get(tag) ?? []), authorization]);
  const required = accepted.get(tag);
  if (required !== undefined && authorization !== required) {
    return Response.json(
      { error: { code: "global/invalid-api-key", message: "API key was invalid, expired, or deleted." } },
      { status: 401 },
    );
  }
  const path = `/${rest.join("/")}`;
  if (request.method === "GET" && path === "/api/v1/instances") return Response.json({ data: [] });
  return Response.json(
    { error: { code: "global/object-does-not-exist", message: `No route for ${request.method} ${path} in the mock.` } },
    { status: 404 },
  );
}

export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: fileURLToPath(new URL("./wrangler.jsonc", import.meta.url)) },
      miniflare: {
        // A `wrangler secret put LAMBDA_API_KEY` secret, as .dev.vars would provide it locally.
        bindings: { LAMBDA_API_KEY: sentinelKey },
        outboundService: upstream,
      },
    }),
  ],
  test: {
    name: "workers",
    include: ["**/*.test.ts"],
    // Each subfolder (worker/, runtimes/, …) is a project of its own, with its own vitest.config.ts.
    exclude: ["*/**", "**/node_modules/**"],
    // The files share one Secrets Store secret; run them one after another.
    fileParallelism: false,
  },
});
