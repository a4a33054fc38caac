/**
 * Running valibot schemas and turning their issues into readable problems with paths such
 * as `tags[0].key`. Shared by the client (before sending, after receiving) and the simulator.
 *
 * Messages are phrases that follow the path, as the API's docs word them: `is required`,
 * `must be an array, not a string`. A schema's own message (`v.length(1, "must hold exactly
 * one key name")`) is used as it is; otherwise the phrase is built from what the schema
 * expected. It never quotes the received value (valibot's default messages do, and a
 * received string may be a key or a Jupyter token): at most it names the received type.
 */
import * as v from "valibot";
import type { ValidationProblem } from "./errors.js";

/** The outcome of a validation: the output, or every problem found. */
export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: ValidationProblem[] };

type Issue = v.BaseIssue<unknown>;

/** Used for every issue whose schema has no message of its own. */
const config: v.Config<Issue> = { message: describeIssue };

/** Validates a value, collecting every problem rather than stopping at the first. */
export function validate<Schema extends v.GenericSchema>(
  schema: Schema,
  value: unknown,
  rootPath = "",
): ValidationResult<v.InferOutput<Schema>> {
  const result = v.safeParse(schema, value, config);
  return result.success
    ? { ok: true, value: result.output }
    : { ok: false, problems: toProblems(result.issues, rootPath) };
}

function toProblems(issues: readonly Issue[], rootPath: string): ValidationProblem[] {
  return issues.map((issue) => ({ path: formatPath(rootPath, issue.path), message: issue.message }));
}

function formatPath(rootPath: string, path: Issue["path"]): string {
  let text = rootPath;
  for (const item of path ?? []) {
    const key = (item as { key: unknown }).key;
    text += typeof key === "number" ? `[${key}]` : text ? `.${String(key)}` : String(key);
  }
  return text;
}

/** The phrase for an issue, from what was expected (and the received value's type, never the value). */
export function describeIssue(issue: Issue): string {
  if (issue.kind === "schema") {
    if (issue.input === undefined) return "is required";
    if (issue.expected === "never") return "is not allowed here";
    return `must be ${describeExpected(issue.expected)}, not ${typeName(issue.input)}`;
  }
  if (issue.kind === "validation") return describeRequirement(issue);
  return `could not be converted (${issue.type.replaceAll("_", " ")})`;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  Array: "an array",
  Object: "an object",
  string: "a string",
  number: "a number",
  boolean: "true or false",
  bigint: "a bigint",
  null: "null",
  undefined: "absent",
};

/** `"Array"` → `an array`; `"a" | "b"` → `"a" or "b"`. Expectations come from the schema, never from the input. */
function describeExpected(expected: string | null): string {
  if (expected === null) return "a different value";
  return expected
    .replace(/^\((.*)\)$/, "$1")
    .split(" | ")
    .map((part) => TYPE_WORDS[part] ?? part)
    .join(" or ");
}

/** `a string`, `an array`, `null`...: the kind of the received value, which says nothing of its content. */
function typeName(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "an array";
  return TYPE_WORDS[typeof input] ?? `a ${typeof input}`;
}

/** Phrases for validations that carry no message of their own. */
function describeRequirement(issue: Issue): string {
  const { requirement } = issue as Issue & { requirement?: unknown };
  const unit = typeof issue.input === "string" ? "characters" : "items";
  switch (issue.type) {
    case "length":
      return `must hold exactly ${String(requirement)} ${unit}`;
    case "min_length":
      return `must hold at least ${String(requirement)} ${unit}`;
    case "max_length":
      return `must hold at most ${String(requirement)} ${unit}`;
    case "non_empty":
      return "must not be empty";
    case "min_value":
      return `must be at least ${String(requirement)}`;
    case "max_value":
      return `must be at most ${String(requirement)}`;
    case "integer":
      return "must be a whole number";
    case "regex":
      return `must match ${String(requirement)}`;
    default:
      return `must pass the ${issue.type.replaceAll("_", " ")} check${issue.expected ? ` (${issue.expected})` : ""}`;
  }
}
