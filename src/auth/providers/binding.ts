import { KeyProviderError } from "../../errors.js";
import type { KeyProvider } from "../key-provider.js";
import { redacted } from "./redacted.js";

/**
 * Reads the API key from a Cloudflare Workers binding (a secret set with
 * `wrangler secret put`, or a `.dev.vars` line locally), or from any record of strings.
 *
 * The binding is read at every request, so a record that changes is followed.
 *
 * @param env The Worker's `env` (the second argument of `fetch`), or any object of strings.
 * @param name The binding holding the key.
 * @default name "LAMBDA_API_KEY"
 * @example
 * export default {
 *   async fetch(request, env) {
 *     const client = new LambdaCloudClient({ apiKey: fromBinding(env) });
 *     return Response.json(await client.instances.list());
 *   },
 * };
 */
export function fromBinding(env: object, name = "LAMBDA_API_KEY"): KeyProvider {
  if (env === null || (typeof env !== "object" && typeof env !== "function")) {
    throw new TypeError(
      'fromBinding(env) needs the Worker\'s env object (the second argument of fetch, or `env` from "cloudflare:workers").',
    );
  }
  if (typeof name !== "string" || name === "") {
    throw new TypeError('fromBinding(env, name) needs the name of a binding, such as "LAMBDA_API_KEY".');
  }
  const providerName = `binding:${name}`;
  return redacted<KeyProvider>({
    name: providerName,
    getKey() {
      const value: unknown = (env as Record<string, unknown>)[name];
      if (typeof value === "string") return value;
      throw new KeyProviderError(providerName, bindingProblem(name, value));
    },
  });
}

function bindingProblem(name: string, value: unknown): string {
  const howToSet =
    `Set it with \`wrangler secret put ${name}\` (deployed Worker) or a ${name}=<your key> line ` +
    `in .dev.vars (local development).`;
  if (value === undefined) return `the Worker has no binding named ${name}. ${howToSet}`;
  if (value !== null && typeof (value as { get?: unknown }).get === "function") {
    return (
      `the binding ${name} is not a string secret but looks like a Secrets Store binding; ` +
      `use fromSecretsStore(env.${name}) instead.`
    );
  }
  const kind = value === null ? "null" : typeof value === "object" ? "an object" : `a ${typeof value}`;
  return `the binding ${name} is ${kind}, not a string secret. ${howToSet}`;
}
