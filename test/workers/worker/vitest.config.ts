// The "sample-worker" vitest project: the sample Worker (root wrangler.toml, examples/worker/) inside
// workerd through @cloudflare/vitest-plugin, with its dashboard assets, its [[ratelimits]]
// binding and a Secrets Store binding. Nothing leaves the machine: every fetch() made inside
// workerd lands in `outbound` below. Needs `npm run build` first (the Worker imports the built
// package by its public names, and serves the built dashboard).
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";
import { ACCESS_TEAM_DOMAIN, outbound, WRITER_EMAIL, WRITER_GROUP } from "./outbound.ts";

process.env.WRANGLER_SEND_METRICS ??= "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";

const root = fileURLToPath(new URL("../../../", import.meta.url));
for (const built of ["dist/proxy/index.js", "dist/testing/index.js", "examples/worker/public/app.js"]) {
  if (!existsSync(`${root}${built}`)) {
    throw new Error(
      `test/workers/worker needs ${built}: run \`npm run build\` (it builds the package and the dashboard) first.`,
    );
  }
}

/**
 * These suites hold the Worker's own proxy path (every request forwarded, limited per caller),
 * which it takes when no gateway is bound: so they run on wrangler.toml without its Durable
 * Object blocks (paths made absolute). The gateway is proven in real workerd by test/proxy/gateway/
 * (wrangler dev with the object, across isolates and restarts).
 */
function configWithoutGateway(): string {
  const toml = readFileSync(`${root}wrangler.toml`, "utf8")
    .replace(/^\[\[(durable_objects\.bindings|migrations)\]\]\n(?:[^\n]+\n)*/gm, "")
    .replace(/^main = "(.*)"$/m, (_, main: string) => `main = ${JSON.stringify(join(root, main))}`)
    .replace(/^directory = "(.*)"$/m, (_, directory: string) => `directory = ${JSON.stringify(join(root, directory))}`);
  if (toml.includes("durable_objects") || toml.includes("new_sqlite_classes"))
    throw new Error("test/workers/worker: could not remove the gateway binding from wrangler.toml");
  const path = join(mkdtempSync(join(tmpdir(), "sample-worker-")), "wrangler.toml");
  writeFileSync(path, toml);
  return path;
}

export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: configWithoutGateway() },
      miniflare: {
        // What `wrangler secret put` and [vars] would hold in a deployment: a random sentinel
        // key per run (searched for in every output), a random dashboard token, Access settings
        // whose JWKS the outbound mock serves (one writer email, one writer group; every other
        // Access user is a viewer), and the API at the mock upstream.
        bindings: {
          LAMBDA_API_KEY: `lc-sentinel-${randomUUID()}`,
          DASHBOARD_TOKEN: randomBytes(32).toString("hex"),
          UPSTREAM: "https://upstream.test/api/v1",
          ALLOWED_HOSTS: "dashboard.example.com",
          ALLOWED_ORIGINS: "https://ops.example.com",
          ACCESS_TEAM_DOMAIN,
          ACCESS_AUD: `aud-${randomUUID()}`,
          ACCESS_WRITER_EMAILS: WRITER_EMAIL,
          ACCESS_WRITER_GROUPS: WRITER_GROUP,
        },
        // A Secrets Store binding as `[[secrets_store_secrets]]` would declare it; the tests seed it and
        // swap it in as LAMBDA_API_KEY_STORE (here it has another name, so the other tests use LAMBDA_API_KEY).
        secretsStoreSecrets: { TEST_KEY_STORE: { store_id: "sample-worker-store", secret_name: "lambda-api-key" } },
        // A second, tiny limit for the rate-limit test, so it need not exhaust RATE_LIMITER (120/60 s).
        ratelimits: { TINY_RATE_LIMITER: { namespace_id: "9001", simple: { limit: 3, period: 60 } } },
        outboundService: outbound,
      },
    }),
  ],
  test: {
    name: "sample-worker",
    include: ["**/*.test.ts"],
    // The files share one record of what the fake upstream received (outbound.ts, in this
    // process), and tests assert it holds only their own requests: run them one after another.
    fileParallelism: false,
  },
});
