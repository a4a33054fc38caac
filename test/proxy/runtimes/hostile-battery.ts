// Runs under Deno or Bun (spawned by test/proxy/runtimes.test.ts): a hostile upstream (real
// node:http, key from LAMBDA_API_KEY) behind the proxy served by Deno.serve or Bun.serve, the whole
// battery (test/proxy/battery/run.ts) called over loopback HTTP, and a JSON verdict as the last
// line. The proxy's default console log goes to stdout, which the test searches for the key.
import { startHostileUpstream } from "../../helpers/hostile-upstream.js";
import { batteryProxy } from "../battery/dispatch.js";
import { runBattery } from "../battery/run.js";
import { envVar, serve } from "./serve.js";

const upstream = await startHostileUpstream({ key: envVar("LAMBDA_API_KEY") });
const served = serve(batteryProxy(upstream.key));
try {
  // Deno's fetch decodes gzip and br but leaves deflate as it came.
  const report = await runBattery(
    `http://127.0.0.1:${served.port}`,
    upstream,
    new Set(served.runtime === "deno" ? ["deflate"] : []),
  );
  console.log(JSON.stringify({ runtime: served.runtime, ...report }));
} finally {
  await served.stop();
  await upstream.close();
}
