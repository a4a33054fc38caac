// The "workerd-runtime" vitest project: test/runtimes/scenario.ts inside workerd, through
// @cloudflare/vitest-plugin, calling the proxy (createLambdaProxy) that fronts the simulator,
// both from the built package (run `npm run build` first). Nothing leaves the isolate.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";

process.env.WRANGLER_SEND_METRICS ??= "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";

const root = fileURLToPath(new URL("../../../", import.meta.url));
for (const built of ["dist/index.js", "dist/proxy/index.js", "dist/testing/index.js"]) {
  if (!existsSync(`${root}${built}`))
    throw new Error(`test/workers/runtimes needs ${built}: run \`npm run build\` first.`);
}

export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: fileURLToPath(new URL("./wrangler.jsonc", import.meta.url)) },
      miniflare: {
        // The key the proxy holds and the token a caller must bring: random per run.
        bindings: { LAMBDA_API_KEY: `lc-sentinel-${randomUUID()}`, PROXY_TOKEN: `token-${randomUUID()}` },
      },
    }),
  ],
  test: {
    name: "workerd-runtime",
    include: ["**/*.test.ts"],
  },
});
