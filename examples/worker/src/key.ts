/**
 * Which Lambda Cloud key the Worker uses: a Secrets Store binding (`LAMBDA_API_KEY_STORE`)
 * when one is bound, else the `LAMBDA_API_KEY` secret. The key is read per request through a
 * key provider and never leaves the Worker: the proxy only puts it in the upstream request.
 */
import { fromBinding, fromSecretsStore, type KeyProvider } from "lambda-cloud";
import type { Env } from "./env.js";

/** The key provider the env configures, or `undefined` when it configures no key. */
export function configuredKey(env: Env): KeyProvider | undefined {
  if (env.LAMBDA_API_KEY_STORE) return fromSecretsStore(env.LAMBDA_API_KEY_STORE);
  if (typeof env.LAMBDA_API_KEY === "string" && env.LAMBDA_API_KEY !== "") return fromBinding(env, "LAMBDA_API_KEY");
  return undefined;
}
