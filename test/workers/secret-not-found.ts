// A Secrets Store binding whose secret does not exist, for the tests of that case in both
// workerd projects (here and worker/). Its get() rejects as the real binding's does. The tests
// do not empty the real store for this case: miniflare's binding throws inside a Worker of its
// own, and workerd logs every such throw as an "uncaught exception", although the caller
// handles the rejection, so a passing run would print it.
import type { SecretsStoreBinding } from "../../src/auth/providers/secrets-store";

/** A Secrets Store binding that holds no secret named `secretName`: `get()` rejects, naming it. */
export function secretNotFound(secretName = "lambda-api-key"): SecretsStoreBinding {
  return { get: () => Promise.reject(new Error(`Secret "${secretName}" not found`)) };
}
