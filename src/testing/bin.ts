#!/usr/bin/env node
/**
 * `lambda-cloud-simulator`: serves the simulator on 127.0.0.1, prints its base URL, and
 * exits cleanly on SIGINT or SIGTERM. Runs under Node, Deno and Bun. Never prints a key.
 * The account starts as `DEMO_ACCOUNT`, empty with `--empty`, or as a JSON fixture file.
 */
import { AccountFixtureError, DEMO_ACCOUNT, type AccountFixture } from "./account.js";
import { type BinAccount, parseBinArgs, USAGE } from "./bin-options.js";
import { serve } from "./serve.js";
import { createSimulator } from "./simulator.js";

/** The fixture the flags ask for; a file that cannot be read or parsed throws an error naming it. */
async function accountOf(account: BinAccount): Promise<AccountFixture | undefined> {
  if (account === "empty") return undefined;
  if (account === "demo") return DEMO_ACCOUNT;
  // node:fs is loaded here only, so the simulator's other modules stay free of node: imports.
  const { readFile } = await import("node:fs/promises");
  const text = await readFile(account.file, "utf8").catch((error: unknown) => {
    throw new Error(`--fixture ${account.file}: cannot read the file (${(error as Error).message}).`);
  });
  try {
    return JSON.parse(text) as AccountFixture;
  } catch (error) {
    throw new Error(`--fixture ${account.file}: not valid JSON (${(error as Error).message}).`);
  }
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
  let sim: ReturnType<typeof createSimulator>;
  try {
    sim = createSimulator({ ...options.simulator, account });
  } catch (error) {
    if (error instanceof AccountFixtureError && typeof options.account === "object") throw new Error(`--fixture ${options.account.file}: ${error.message}`);
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
