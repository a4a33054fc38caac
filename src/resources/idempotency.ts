/**
 * The idempotency tag of a launch: a tag with a fixed key and a fresh random value, so that a
 * launch whose answer was lost can be found among the instances without launching again.
 */
import { RequestValidationError } from "../errors.js";
import type { Instance, InstanceLaunchRequest } from "../schemas/instances.js";

/**
 * The tag key `instances.launch` sets on every launch (it follows the API's tag rules: lowercase,
 * at most 55 characters, not the reserved `lambda-ai-` prefix). Its value is the launch's token.
 */
export const IDEMPOTENCY_TAG_KEY = "lambda-cloud:idempotency";

/** A fresh token: 32 random hex characters (tag values may have up to 128). */
export function newIdempotencyToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * The request with its idempotency tag, and the token it carries. A tag with the key already in
 * `request.tags` is kept and its value is the token; `false` sends no tag and has no token.
 * The API documents no limit on the number of tags, so the tag is always added.
 * @throws {RequestValidationError} when a token is empty or differs from the caller's own tag.
 */
export function withIdempotencyTag(
  request: InstanceLaunchRequest,
  option: string | false | undefined,
): { readonly request: InstanceLaunchRequest; readonly token: string | undefined } {
  if (option === false) return { request, token: undefined };
  if (option === "") throw invalid("must not be empty");
  const own = request.tags?.find((tag) => tag.key === IDEMPOTENCY_TAG_KEY);
  if (own) {
    if (option !== undefined && option !== own.value)
      throw invalid(`must equal the ${IDEMPOTENCY_TAG_KEY} tag's value`);
    return { request, token: own.value };
  }
  const token = option ?? newIdempotencyToken();
  return {
    request: { ...request, tags: [...(request.tags ?? []), { key: IDEMPOTENCY_TAG_KEY, value: token }] },
    token,
  };
}

/** The instances among `instances` that carry the idempotency tag with this token. */
export function taggedWith(instances: readonly Instance[], token: string): Instance[] {
  return instances.filter((instance) =>
    instance.tags?.some((tag) => tag.key === IDEMPOTENCY_TAG_KEY && tag.value === token),
  );
}

function invalid(message: string): RequestValidationError {
  return new RequestValidationError("launchInstance", [{ path: "idempotencyToken", message }]);
}
