/**
 * The checks of the options a client and a single call share (`timeoutMs`, `maxRetries`), and
 * how a wrong value is described without quoting it.
 */

/** How one option is checked: a predicate, and what a valid value looks like. */
export type OptionCheck = readonly [isValid: (value: unknown) => boolean, expected: string];

export const TIMEOUT_MS_CHECK: OptionCheck = [
  (value) => typeof value === "number" && value > 0 && Number.isFinite(value),
  "a number of milliseconds > 0, such as 30_000",
];
export const MAX_RETRIES_CHECK: OptionCheck = [
  (value) => Number.isInteger(value) && (value as number) >= 0,
  "a whole number ≥ 0, such as 2 (0 turns retries off)",
];

/** What is wrong with `value`, or `undefined` when it is absent or valid. */
export function optionProblem(value: unknown, [isValid, expected]: OptionCheck): string | undefined {
  return value === undefined || isValid(value) ? undefined : `must be ${expected}; got ${describeValue(value)}.`;
}

/** The kind of a wrong value, and the value itself when it is a number or boolean (never a string: it might be a key). */
export function describeValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
