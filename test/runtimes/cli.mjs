// The scenario's runner for the command-line runtimes (Node 22 and 24, Deno, Bun), run by
// runtimes.test.ts as a user would run a script: the key in LAMBDA_API_KEY (read by the
// client's default provider), the simulator's base URL in LAMBDA_CLOUD_BASE_URL. Steers the simulator
// through its control API. Prints "<runtime>: <n> checks passed", then a JSON verdict as the
// last line; exits non-zero when a check fails.
//
//   LAMBDA_API_KEY=… LAMBDA_CLOUD_BASE_URL=http://127.0.0.1:8788/api/v1 node test/runtimes/cli.mjs "node 24" [audit page size]
import { adminControl } from "./admin-control.ts";
import { runScenario } from "./scenario.ts";

const args = globalThis.Deno?.args ?? globalThis.process.argv.slice(2);
const variable = (name) => globalThis.process?.env?.[name] ?? globalThis.Deno?.env.get(name);
const [runtime = "unnamed runtime", pageSize] = args;

try {
  const baseUrl = variable("LAMBDA_CLOUD_BASE_URL");
  if (!baseUrl)
    throw new Error(
      "LAMBDA_CLOUD_BASE_URL is not set: give the simulator's base URL, e.g. http://127.0.0.1:8788/api/v1",
    );
  const report = await runScenario({
    runtime,
    client: { baseUrl },
    control: adminControl(baseUrl),
    auditPageSize: pageSize === undefined ? undefined : Number(pageSize),
  });
  console.log(report.summary);
  console.log(JSON.stringify({ ok: true, runtime, passed: report.passed }));
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  console.log(JSON.stringify({ ok: false, runtime, error: error instanceof Error ? error.message : String(error) }));
  globalThis.process.exitCode = 1;
}
