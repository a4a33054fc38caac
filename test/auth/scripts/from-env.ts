// Run by test/auth/runtimes.test.ts under Deno and Bun:
//   deno run --no-prompt [--allow-env=NAME] test/auth/scripts/from-env.ts [NAME]
//   bun run --no-env-file --no-install test/auth/scripts/from-env.ts [NAME]
// Prints one JSON line last. The key itself is never printed, only its SHA-256, so the test can
// check it without the sentinel showing up in any output.
import { fromEnv } from "../../../src/auth/providers/env.ts";

declare const process: { argv: string[]; exitCode: number | undefined };

const variable = process.argv[2];
const provider = variable ? fromEnv(variable) : fromEnv();

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// Redaction in this runtime: the runtime's own inspection goes to stdout, which the test searches for the sentinel.
console.log(provider);
console.log(String(provider), JSON.stringify(provider));

try {
  const key = await provider.getKey();
  console.log(JSON.stringify({ ok: true, name: provider.name, sha256: await sha256(key) }));
} catch (error) {
  const e = error as Error & { provider?: string };
  console.log(JSON.stringify({ ok: false, errorName: e.name, provider: e.provider, message: e.message }));
  process.exitCode = 2;
}
