// The client's hostile-upstream battery in a runtime of its own (Deno, Bun), with the built
// package imported by name, against the upstream that test/runtimes/hostile.test.ts serves.
// Prints a JSON verdict as the last line: every case's expected and thrown class, and where a
// form of the key was found (never the key).
//
//   HOSTILE_ORIGIN=http://127.0.0.1:PORT HOSTILE_KEY=… HOSTILE_CLOSED_BASE_URL=http://127.0.0.1:PORT2/api/v1 bun test/runtimes/hostile-cli.ts
import { LambdaCloudClient } from "lambda-cloud";
import { type BatteryTarget, runBattery } from "../helpers/hostile-battery.ts";

const variable = (name: string): string => {
  const value = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

try {
  const results = await runBattery({
    Client: LambdaCloudClient as unknown as BatteryTarget["Client"],
    origin: variable("HOSTILE_ORIGIN"),
    key: variable("HOSTILE_KEY"),
    closedBaseUrl: variable("HOSTILE_CLOSED_BASE_URL"),
  });
  console.log(JSON.stringify({ ok: true, results }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: error instanceof Error ? error.name : typeof error }));
  (globalThis as { process?: { exitCode?: number } }).process!.exitCode = 1;
}
