/**
 * Validating an answer the client has just parsed: the operation's generated fast check first,
 * valibot only when it refuses (or when the operation has none).
 */
import type * as v from "valibot";
import type { FastCheck } from "./fast-check-helpers.js";
import type { AnySchema } from "./operation-schemas.js";
import { type ValidationResult, validate } from "./validation.js";

/**
 * Validates a freshly parsed payload that nothing else holds (an answer's JSON), with the same
 * verdict and problems as {@link validate}. When `fastCheck` accepts the value, the value itself
 * is the output (valibot's would be an equal copy); otherwise valibot runs as usual.
 */
export function validateParsed<Schema extends AnySchema>(
  schema: Schema,
  fastCheck: FastCheck | undefined,
  value: unknown,
): ValidationResult<v.InferOutput<Schema>> {
  return fastCheck?.(value) ? { ok: true, value: value as v.InferOutput<Schema> } : validate(schema, value);
}
