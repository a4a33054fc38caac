/**
 * Validating an answer the client has just parsed: the generated fast check first, valibot only
 * when it refuses. Kept apart from `validation.ts` because the fast checks import every response
 * schema, which code that validates one small input (the proxy's gateway) must not pull in.
 */
import type * as v from "valibot";
import { fastChecks } from "./fast-checks.generated.js";
import { type ValidationResult, validate } from "./validation.js";

/**
 * Validates a freshly parsed payload that nothing else holds (an answer's JSON), with the same
 * verdict and problems as {@link validate}. When the schema's fast check accepts the value, the
 * value itself is the output (valibot's would be an equal copy); otherwise valibot runs as usual.
 */
export function validateParsed<Schema extends v.GenericSchema>(
  schema: Schema,
  value: unknown,
): ValidationResult<v.InferOutput<Schema>> {
  return fastChecks.get(schema)?.(value)
    ? { ok: true, value: value as v.InferOutput<Schema> }
    : validate(schema, value);
}
