#!/usr/bin/env node
/**
 * `lambda-cloud-simulator`: serves the simulator on 127.0.0.1, prints its base URL, and
 * exits cleanly on SIGINT or SIGTERM. Runs under Node, Deno and Bun. Never prints a key.
 * The account starts as `DEMO_ACCOUNT`, empty with `--empty`, or as a JSON fixture file.
 */
import { type AccountFixture, AccountFixtureError, DEMO_ACCOUNT } from "./account.js";
import { type BinAccount, parseBinArgs, USAGE } from "./bin-options.js";
import { type CapacityScriptEntry, CapacityScriptError } from "./capacity-script.js";
import { serve } from "./serve.js";
import { createSimulator } from "./simulator.js";

/** A flag's JSON file, parsed; a file that cannot be read or parsed throws an error naming the flag and file. */
async function readJsonFile(flag: string, file: string): Promise<unknown> {
  // node:fs is loaded here only, so the simulator's other modules stay free of node: imports.
  const { readFile } = await import("node:fs/promises");
  const text = await readFile(file, "utf8").catch((error: unknown) => {
    throw new Error(`${flag} ${file}: cannot read the file (${(error as Error).message}).`);
  });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${flag} ${file}: not valid JSON (${(error as Error).message}).`);
  }
}

/** The fixture the flags ask for. */
async function accountOf(account: BinAccount): Promise<AccountFixture | undefined> {
  if (account === "empty") return undefined;
  if (account === "demo") return DEMO_ACCOUNT;
  return (await readJsonFile("--fixture", account.file)) as AccountFixture;
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseBinArgs>;
  try {
    options = parseBinArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`lambda-cloud-simulator: ${(error as Error).message}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const account = await accountOf(options.account);
  const scriptFile = options.capacityScript;
  const capacity =
    scriptFile === undefined
      ? undefined
      : ((await readJsonFile("--capacity-script", scriptFile)) as CapacityScriptEntry[]);
  let sim: ReturnType<typeof createSimulator>;
  try {
    sim = createSimulator({ ...options.simulator, account, capacity });
  } catch (error) {
    if (error instanceof AccountFixtureError && typeof options.account === "object")
      throw new Error(`--fixture ${options.account.file}: ${error.message}`);
    if (error instanceof CapacityScriptError)
      throw new Error(`--capacity-script ${scriptFile as string}: ${error.message}`);
    throw error;
  }
  const server = await serve(sim, { port: options.port });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // Printed last: whoever waits for this line may signal at once.
  console.log(server.url);
}

main().catch((error: unknown) => {
  console.error(`lambda-cloud-simulator: ${(error as Error).message}`);
  process.exit(1);
});
