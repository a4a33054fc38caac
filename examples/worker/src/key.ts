/**
 * Which Lambda Cloud key the Worker uses: a Secrets Store binding (`LAMBDA_API_KEY_STORE`)
 * when one is bound, else the `LAMBDA_API_KEY` secret. The key is read per request through a
 * key provider and never leaves the Worker: the proxy only puts it in the upstream request.
 */
import { fromBinding, fromSecretsStore, inMemoryKey, type KeyProvider } from "lambda-cloud";
import type { Env } from "./env.js";
import { SIMULATOR_PLACEHOLDER_KEY } from "./simulator.js";

/** The key provider the env configures, or `undefined` when it configures no key. */
export function configuredKey(env: Env): KeyProvider | undefined {
  if (env.LAMBDA_API_KEY_STORE) return fromSecretsStore(env.LAMBDA_API_KEY_STORE);
  if (typeof env.LAMBDA_API_KEY === "string" && env.LAMBDA_API_KEY !== "") return fromBinding(env, "LAMBDA_API_KEY");
  return undefined;
}

/**
 * The key the Worker sends: the configured one, else (simulator mode) a fixed placeholder that
 * the simulator accepts. It is the same in every isolate, so all of them reach one gateway object.
 */
export function keyFor(env: Env): { readonly provider: KeyProvider; readonly configured: boolean } {
  const configured = configuredKey(env);
  return configured
    ? { provider: configured, configured: true }
    : { provider: inMemoryKey(SIMULATOR_PLACEHOLDER_KEY, { name: "simulator key" }), configured: false };
}
