/**
 * Running valibot schemas and turning their issues into readable problems with paths such
 * as `tags[0].key`. Shared by the client (before sending, after receiving) and the simulator.
 */
import * as v from "valibot";
import type { ValidationProblem } from "./errors.js";

/** The outcome of a validation: the output, or every problem found. */
export type ValidationResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: ValidationProblem[] };

/** Validates a value, collecting every problem rather than stopping at the first. */
export function validate<Schema extends v.GenericSchema>(
  schema: Schema,
  value: unknown,
  rootPath = "",
): ValidationResult<v.InferOutput<Schema>> {
  const result = v.safeParse(schema, value);
  return result.success ? { ok: true, value: result.output } : { ok: false, problems: toProblems(result.issues, rootPath) };
}

function toProblems(issues: readonly v.BaseIssue<unknown>[], rootPath: string): ValidationProblem[] {
  return issues.map((issue) => ({ path: formatPath(rootPath, issue.path), message: issue.message }));
}

function formatPath(rootPath: string, path: v.BaseIssue<unknown>["path"]): string {
  let text = rootPath;
  for (const item of path ?? []) {
    const key = (item as { key: unknown }).key;
    text += typeof key === "number" ? `[${key}]` : text ? `.${String(key)}` : String(key);
  }
  return text;
}
