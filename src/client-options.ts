/**
 * Checks the client's options when the client is built, so that a wrong type or range, a
 * misspelt option or two options that contradict each other fail at once, naming the option.
 * (`baseUrl` is checked where it is resolved, since it may come from the environment.)
 */
import { ConfigurationError } from "./errors.js";
import { HOOK_NAMES } from "./transport/hooks.js";
import { LOG_LEVELS } from "./transport/logger.js";
import {
  describeValue,
  MAX_RETRIES_CHECK,
  type OptionCheck,
  optionProblem,
  TIMEOUT_MS_CHECK,
} from "./transport/option-checks.js";

/** The options checked here, as the constructor receives them (possibly from untyped JavaScript). */
type CheckedOptions = Readonly<Record<string, unknown>>;

const isBoolean = (value: unknown): boolean => typeof value === "boolean";
const BOOLEAN: OptionCheck = [isBoolean, "true or false"];
const hasMethods =
  (...names: string[]) =>
  (value: unknown): boolean =>
    typeof value === "object" &&
    value !== null &&
    names.every((name) => typeof (value as CheckedOptions)[name] === "function");
const isHooks = (value: unknown): boolean =>
  typeof value === "object" &&
  value !== null &&
  Object.entries(value).every(
    ([name, hook]) =>
      (HOOK_NAMES as readonly string[]).includes(name) && (hook === undefined || typeof hook === "function"),
  );

/** Every option of the client, with its check; `baseUrl` is checked by `resolveBaseUrl`. */
const CHECKS: Readonly<Record<string, OptionCheck | undefined>> = {
  apiKey: [
    (value) =>
      value === false || typeof value === "string" || typeof value === "function" || hasMethods("getKey")(value),
    "a string, a key provider (such as fromEnv()), a function returning the key, or false to send none",
  ],
  baseUrl: undefined,
  timeoutMs: TIMEOUT_MS_CHECK,
  maxRetries: MAX_RETRIES_CHECK,
  authScheme: [(value) => value === "bearer" || value === "basic", '"bearer" or "basic"'],
  fetch: [(value) => typeof value === "function", "a fetch function, such as a simulator's sim.fetch"],
  userAgent: [(value) => typeof value === "string" || value === false, "a string, or false to send none"],
  rateLimit: BOOLEAN,
  rateLimiter: [hasMethods("acquire"), "a limiter from createRateLimiter()"],
  validateResponses: BOOLEAN,
  hooks: [isHooks, `an object of functions named ${HOOK_NAMES.join(", ")}`],
  logger: [
    hasMethods("debug", "info", "warn", "error"),
    "a console-compatible logger (debug, info, warn and error methods), such as console",
  ],
  logLevel: [
    (value) => (LOG_LEVELS as readonly unknown[]).includes(value),
    LOG_LEVELS.map((level) => `"${level}"`).join(", "),
  ],
};

/** @throws {ConfigurationError} naming the first option that is unknown or set to something it cannot be. */
export function checkClientOptions(options: unknown): void {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError(
      "options",
      `must be an object such as { apiKey, baseUrl }, not ${describeValue(options)}.`,
    );
  }
  for (const [option, value] of Object.entries(options)) {
    if (!(option in CHECKS)) {
      throw new ConfigurationError(
        option,
        `is not an option of LambdaCloudClient (the options are ${Object.keys(CHECKS).join(", ")}).`,
      );
    }
    const check = CHECKS[option];
    const problem = check && optionProblem(value, check);
    if (problem) throw new ConfigurationError(option, problem);
  }
  const { rateLimit, rateLimiter } = options as CheckedOptions;
  if (rateLimit === false && rateLimiter !== undefined) {
    throw new ConfigurationError("rateLimiter", "is given while rateLimit is false; leave one of them out.");
  }
}
