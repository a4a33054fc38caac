/**
 * The small checks that the generated fast checks (`fast-checks.generated.ts`) are made of. Each
 * gives valibot's verdict for its schema kind on plain JSON data, without building an output.
 */

/**
 * A fast yes/no check of a JSON payload (what `JSON.parse` returns): `true` exactly when valibot
 * accepts the payload and would output an equal copy of it, so the payload itself can be the output.
 */
export type FastCheck = (value: unknown) => boolean;

/**
 * A plain object whose every key valibot would copy. Valibot's objects and records also accept
 * arrays (and copy them into objects) and leave out `__proto__`, `constructor` and `prototype`
 * keys; such values get `false`, so valibot handles them and its output is used. (A JSON object
 * with its own `constructor` or `prototype` key fails the first two tests, since no JSON value
 * is `Object` or `undefined`.)
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { constructor?: unknown }).constructor === Object &&
    (value as { prototype?: unknown }).prototype === undefined &&
    !Object.hasOwn(value, "__proto__")
  );
}

/** `v.string()`. */
export function isString(value: unknown): value is string {
  return typeof value === "string";
}

/** `v.number()`, which refuses `NaN`. */
export function isNumber(value: unknown): value is number {
  return typeof value === "number" && !Number.isNaN(value);
}

/** `v.boolean()`. */
export function isBoolean(value: unknown): value is boolean {
  return typeof value === "boolean";
}

/** `v.optional(inner)` (without a default). */
export function isOptional(value: unknown, inner: FastCheck): boolean {
  return value === undefined || inner(value);
}

/** `v.nullable(inner)` (without a default). */
export function isNullable(value: unknown, inner: FastCheck): boolean {
  return value === null || inner(value);
}

/** `v.nullish(inner)` (without a default). */
export function isNullish(value: unknown, inner: FastCheck): boolean {
  return value === undefined || value === null || inner(value);
}

/** `v.array(item)`. */
export function isArrayOf(value: unknown, item: FastCheck): boolean {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) if (!item(value[index])) return false;
  return true;
}

/** `v.record(v.string(), entry)`: every own key's value passes. */
export function isRecordOf(value: unknown, entry: FastCheck): boolean {
  if (!isObject(value)) return false;
  for (const key in value) if (Object.hasOwn(value, key) && !entry(value[key])) return false;
  return true;
}
