/**
 * The one redaction step every error of a call passes through before it reaches the caller:
 * the key is removed from every string the error carries (its message, stack, each of its
 * own fields such as `problems`, `data`, `headers`, and its whole `cause` chain), so that
 * `String(error)`, `error.stack`, `JSON.stringify(error)` and `util.inspect(error)` hold no key,
 * whatever the server put where.
 */
import { LambdaCloudError } from "../errors.js";
import { redactText, redactValue } from "./redact.js";

/** How deep a cause chain (or an `AggregateError`'s `errors`) is followed. */
const MAX_DEPTH = 8;

/**
 * Removes every secret from an error. A lambda-cloud error is cleaned in place and returned;
 * any other error that holds a secret is replaced by a plain copy without it (its name,
 * message, stack, `code` and cause); anything else is returned as it is.
 */
export function redactError(error: unknown, secrets: readonly string[], depth = 0): unknown {
  if (secrets.length === 0 || depth > MAX_DEPTH) return error;
  if (error instanceof LambdaCloudError) return redactOwnError(error, secrets, depth);
  if (error instanceof Error) return holdsSecret(error, secrets) ? redactedCopy(error, secrets, depth) : error;
  return redactValue(error, secrets);
}

function redactOwnError(error: LambdaCloudError, secrets: readonly string[], depth: number): LambdaCloudError {
  for (const field of Object.getOwnPropertyNames(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, field);
    if (!descriptor || !("value" in descriptor)) continue;
    const value =
      field === "cause" ? redactError(descriptor.value, secrets, depth + 1) : redactValue(descriptor.value, secrets);
    if (value !== descriptor.value) Object.defineProperty(error, field, { ...descriptor, value });
  }
  // Some engines keep `stack` on the prototype as an accessor: read it and shadow it with the clean text.
  const { stack } = error;
  if (typeof stack === "string" && !Object.hasOwn(error, "stack")) {
    Object.defineProperty(error, "stack", { value: redactText(stack, secrets), writable: true, configurable: true });
  }
  return error;
}

/** The strings a foreign error shows: name, message, stack and every own string field (`code`, undici's `data`...). */
function ownStrings(error: Error): string[] {
  const fields = Object.getOwnPropertyNames(error).map((field) => (error as unknown as Record<string, unknown>)[field]);
  return [
    error.name,
    error.message,
    error.stack ?? "",
    ...fields.filter((value): value is string => typeof value === "string"),
  ];
}

/** An error's cause and, for an `AggregateError`, the errors it gathers. */
function relatedOf(error: Error): unknown[] {
  const { errors } = error as { errors?: unknown };
  return [error.cause, ...(Array.isArray(errors) ? errors : [])];
}

/** Whether a foreign error, one of its string fields, its cause chain or its aggregated errors hold a secret. */
function holdsSecret(error: Error, secrets: readonly string[], depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (ownStrings(error).some((text) => redactText(text, secrets) !== text)) return true;
  return relatedOf(error).some((item) =>
    item instanceof Error
      ? holdsSecret(item, secrets, depth + 1)
      : typeof item === "string" && redactText(item, secrets) !== item,
  );
}

/** A plain `Error` with the same name, message, stack, string/number/boolean fields, cause and aggregated errors, all redacted. */
function redactedCopy(error: Error, secrets: readonly string[], depth: number): Error {
  const cause = error.cause === undefined ? undefined : redactError(error.cause, secrets, depth + 1);
  const copy = new Error(redactText(error.message, secrets), cause === undefined ? undefined : { cause });
  copy.name = redactText(error.name, secrets);
  copy.stack = redactText(error.stack ?? "", secrets);
  for (const [field, value] of Object.entries(error)) {
    if (["string", "number", "boolean"].includes(typeof value))
      Object.assign(copy, { [field]: redactValue(value, secrets) });
  }
  const { errors } = error as { errors?: unknown };
  if (Array.isArray(errors))
    Object.assign(copy, { errors: errors.map((item) => redactError(item, secrets, depth + 1)) });
  return copy;
}
