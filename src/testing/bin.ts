#!/usr/bin/env node
/**
 * `lambda-cloud-simulator`: serves the simulator on 127.0.0.1, prints its base URL, and
 * exits cleanly on SIGINT or SIGTERM. Runs under Node, Deno and Bun. Never prints a key.
 */
import { parseBinArgs, USAGE } from "./bin-options.js";
import { serve } from "./serve.js";
import { createSimulator } from "./simulator.js";

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
  const sim = createSimulator(options.simulator);
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
