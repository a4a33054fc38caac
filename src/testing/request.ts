/** Reading an operation's query string and JSON body, validated by the operation's own schemas. */
import type { OperationSpec } from "../operation-schemas.js";
import { queryKeysOf } from "../routing.js";
import { validate } from "../validation.js";
import { invalidParameters } from "./envelope.js";

/** The keys of a query schema whose values are arrays (sent as repeated parameters). */
function arrayKeysOf(operation: OperationSpec): ReadonlySet<string> {
  const entries =
    (operation.query as { entries?: Record<string, { type: string; wrapped?: { type: string } }> } | undefined)
      ?.entries ?? {};
  return new Set(Object.keys(entries).filter((key) => (entries[key]?.wrapped ?? entries[key])?.type === "array"));
}

/** The validated query, or `undefined` when the operation takes none (its parameters are then ignored, as the API does). */
export function readQuery(operation: OperationSpec, searchParams: URLSearchParams): unknown {
  if (!operation.query) return undefined;
  const arrays = arrayKeysOf(operation);
  const known = queryKeysOf(operation);
  const raw: Record<string, unknown> = {};
  for (const key of new Set(searchParams.keys())) {
    // A bracketed array name (`status[]`) means the same parameter.
    const name = key.endsWith("[]") && known.has(key.slice(0, -2)) ? key.slice(0, -2) : key;
    raw[name] = arrays.has(name) ? searchParams.getAll(key) : searchParams.get(key);
  }
  const result = validate(operation.query, raw);
  if (!result.ok) throw invalidParameters(result.problems);
  return result.value;
}

/** The validated JSON body, or `undefined` when the operation takes none. */
export async function readBody(operation: OperationSpec, request: Request): Promise<unknown> {
  if (!operation.body) return undefined;
  const text = await request.text();
  let value: unknown;
  try {
    value = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    throw invalidParameters([{ path: "", message: "the body is not valid JSON" }]);
  }
  if (value === undefined) throw invalidParameters([{ path: "", message: "a JSON body is required" }]);
  const result = validate(operation.body, value);
  if (!result.ok) throw invalidParameters(result.problems);
  return result.value;
}
