import type { KeyProvider } from "../key-provider.js";

const nodeInspect = Symbol.for("nodejs.util.inspect.custom");
const denoInspect = Symbol.for("Deno.customInspect");

/**
 * Makes a provider describe itself by name only in `JSON.stringify`, `String()`,
 * `util.inspect` / `console.log` (Node, Bun) and Deno's `console.log`.
 *
 * Providers keep their key in a closure, so it is never a property; this adds a readable,
 * key-free description on top. The added members are not enumerable. Internal helper.
 *
 * @example
 * const provider = redacted({ name: "memory", getKey: () => key });
 * JSON.stringify(provider); // '{"name":"memory"}'
 */
export function redacted<T extends KeyProvider>(provider: T): T {
  const describe = () => `KeyProvider(${provider.name})`;
  Object.defineProperties(provider, {
    toJSON: { value: () => ({ name: provider.name }), configurable: true },
    toString: { value: describe, configurable: true },
    [nodeInspect]: { value: describe, configurable: true },
    [denoInspect]: { value: describe, configurable: true },
  });
  return provider;
}
