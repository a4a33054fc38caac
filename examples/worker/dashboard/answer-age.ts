/**
 * How old each answer was when it arrived, from its `Age` header (seconds, RFC 9111), which the
 * gateway's shared cache sets. Answers without one are fresh from upstream.
 */
import type { OperationRoute } from "./contracts.js";

/** The `Age` header in whole seconds, or `undefined` when it is absent or not a number. */
export function ageSeconds(headers: Headers): number | undefined {
  const value = headers.get("age")?.trim();
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Remembers the `Age` of the latest answer per path, by wrapping the client's fetch. */
export class AnswerAges {
  readonly #byPath = new Map<string, number | undefined>();

  /** A fetch that records each answer's age before handing it on. */
  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input), location.origin);
    this.#byPath.set(url.pathname, ageSeconds(response.headers));
    return response;
  };

  /** The age in seconds of the latest answer of a parameterless operation under `basePath`, if it had one. */
  of(operation: OperationRoute, basePath: string): number | undefined {
    return this.#byPath.get(`${basePath}${operation.path}`);
  }
}
