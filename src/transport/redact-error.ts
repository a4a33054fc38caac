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
    const value = field === "cause" ? redactError(descriptor.value, secrets, depth + 1) : redactValue(descriptor.value, secrets);
    if (value !== descriptor.value) Object.defineProperty(error, field, { ...descriptor, value });
  }
  // Some engines keep `stack` on the prototype as an accessor: read it and shadow it with the clean text.
  const { stack } = error;
  if (typeof stack === "string" && !Object.prototype.hasOwnProperty.call(error, "stack")) {
    Object.defineProperty(error, "stack", { value: redactText(stack, secrets), writable: true, configurable: true });
  }
  return error;
}

/** Whether a foreign error, its code, cause chain or aggregated errors hold a secret. */
function holdsSecret(error: Error, secrets: readonly string[], depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const text = `${error.name}\n${error.message}\n${error.stack ?? ""}\n${String((error as { code?: unknown }).code ?? "")}`;
  if (redactText(text, secrets) !== text) return true;
  const { errors } = error as { errors?: unknown };
  const related: unknown[] = [error.cause, ...(Array.isArray(errors) ? errors : [])];
  return related.some((item) =>
    item instanceof Error ? holdsSecret(item, secrets, depth + 1) : typeof item === "string" && redactText(item, secrets) !== item,
  );
}

function redactedCopy(error: Error, secrets: readonly string[], depth: number): Error {
  const cause = error.cause === undefined ? undefined : redactError(error.cause, secrets, depth + 1);
  const copy = new Error(redactText(error.message, secrets), cause === undefined ? undefined : { cause });
  copy.name = redactText(error.name, secrets);
  copy.stack = redactText(error.stack ?? "", secrets);
  const { code } = error as { code?: unknown };
  if (typeof code === "string") Object.assign(copy, { code: redactText(code, secrets) });
  return copy;
}
