// The exported name of each schema object (`InstanceSchema`...), from a module's exports, so
// that the generated functions are named after the schemas they check. A schema exported under
// two names gets the first in alphabetical order, whatever order the exports come in.
export function schemaNamesOf(exports: Readonly<Record<string, unknown>>): Map<object, string> {
  const names = new Map<object, string>();
  for (const name of Object.keys(exports).sort()) {
    const value = exports[name];
    if (name.endsWith("Schema") && typeof value === "object" && value !== null && !names.has(value))
      names.set(value, name);
  }
  return names;
}
