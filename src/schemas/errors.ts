/** Schema of the API's error envelope. */
import * as v from "valibot";

/**
 * `{ error: { code, message, suggestion?, request_id? } }`. Older API versions also sent
 * `field_errors`; it is kept when present. Branch on `code`: messages may change.
 */
export const ErrorEnvelopeSchema = v.looseObject({
  error: v.looseObject({
    code: v.string(),
    message: v.string(),
    suggestion: v.nullish(v.string()),
    request_id: v.nullish(v.string()),
    field_errors: v.optional(
      v.record(
        v.string(),
        v.looseObject({
          code: v.optional(v.string()),
          message: v.optional(v.string()),
          suggestion: v.optional(v.string()),
        }),
      ),
    ),
  }),
});
/** The API's error envelope. */
export type ErrorEnvelope = v.InferOutput<typeof ErrorEnvelopeSchema>;
