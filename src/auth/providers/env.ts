import { KeyProviderError } from "../../errors.js";
import { EnvPermissionError, readEnvVariable } from "../../internal/env.js";
import type { KeyProvider } from "../key-provider.js";
import { redacted } from "./redacted.js";

/**
 * Reads the API key from an environment variable each time a request is made, so a changed
 * variable is picked up without rebuilding the client. This is the client's default provider.
 *
 * It looks in `process.env` (Node, Bun, and Workers with `nodejs_compat`), then in
 * `Deno.env`. Under Deno the script needs `--allow-env=<name>`; without it the error says
 * so. No `node:` module is imported, so this runs in every runtime.
 *
 * @param name The variable to read.
 * @default name "LAMBDA_API_KEY"
 * @example
 * // Node / Bun: LAMBDA_API_KEY=... node app.js
 * // Deno:       deno run --allow-env=LAMBDA_API_KEY app.ts
 * const client = new LambdaCloudClient({ apiKey: fromEnv() });
 */
export function fromEnv(name = "LAMBDA_API_KEY"): KeyProvider {
  if (typeof name !== "string" || name === "") {
    throw new TypeError('fromEnv(name) needs the name of an environment variable, such as "LAMBDA_API_KEY".');
  }
  const providerName = `env:${name}`;
  return redacted<KeyProvider>({
    name: providerName,
    getKey() {
      const value = readVariable(name, providerName);
      if (value === undefined) throw new KeyProviderError(providerName, missingMessage(name));
      return value;
    },
  });
}

function readVariable(name: string, providerName: string): string | undefined {
  try {
    return readEnvVariable(name);
  } catch (error) {
    if (error instanceof EnvPermissionError) {
      throw new KeyProviderError(
        providerName,
        `Deno denied access to the environment variable ${name}: run with --allow-env=${name} ` +
          `(for example: deno run --allow-env=${name} main.ts), or pass the key another way.`,
        { cause: error.cause },
      );
    }
    throw new KeyProviderError(
      providerName,
      `reading the environment variable ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

function missingMessage(name: string): string {
  return (
    `the environment variable ${name} is not set. Set it where the code runs: ` +
    `Node or Bun: export ${name}=<your key> before starting, or put ${name}=<your key> in a .env file ` +
    `(node --env-file=.env; Bun reads .env by itself); ` +
    `Deno: export ${name}=<your key> and run with --allow-env=${name}; ` +
    `Cloudflare Workers: wrangler secret put ${name} (locally, a line in .dev.vars), ` +
    `then use fromBinding(env) or fromEnv() with the nodejs_compat flag. ` +
    `Never hard-code the key in source code.`
  );
}
