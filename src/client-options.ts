/**
 * Checks the client's options (other than `baseUrl` and `apiKey`, which have their own
 * checks) when the client is built, so that a wrong type or range fails at once, naming the option.
 */
import { ConfigurationError } from "./errors.js";

/** The options checked here, as the constructor receives them (possibly from untyped JavaScript). */
type CheckedOptions = Readonly<Record<string, unknown>>;

const CHECKS: readonly (readonly [option: string, isValid: (value: unknown) => boolean, expected: string])[] = [
  ["timeoutMs", (value) => typeof value === "number" && value > 0 && Number.isFinite(value), "a number of milliseconds > 0, such as 30_000"],
  ["maxRetries", (value) => Number.isInteger(value) && (value as number) >= 0, "a whole number ≥ 0, such as 2 (0 turns retries off)"],
  ["authScheme", (value) => value === "bearer" || value === "basic", '"bearer" or "basic"'],
  ["fetch", (value) => typeof value === "function", "a fetch function, such as a simulator's sim.fetch"],
  ["userAgent", (value) => typeof value === "string" || value === false, "a string, or false to send none"],
  ["rateLimit", (value) => typeof value === "boolean", "true or false"],
  ["rateLimiter", (value) => typeof (value as { acquire?: unknown } | null)?.acquire === "function", "a limiter from createRateLimiter()"],
  ["validateResponses", (value) => typeof value === "boolean", "true or false"],
];

/** @throws {ConfigurationError} naming the first option that is set to something it cannot be. */
export function checkClientOptions(options: unknown): void {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError("options", `must be an object such as { apiKey, baseUrl }, not ${options === null ? "null" : typeof options}.`);
  }
  for (const [option, isValid, expected] of CHECKS) {
    const value = (options as CheckedOptions)[option];
    if (value !== undefined && !isValid(value)) {
      throw new ConfigurationError(option, `must be ${expected}; got ${describeValue(value)}.`);
    }
  }
}

/** The kind of a wrong value, and the value itself when it is a number or boolean (never a string: it might be a key). */
function describeValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  return `a ${typeof value}`;
}
