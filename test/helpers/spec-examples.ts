// Payloads built from the examples of the official OpenAPI document (test/fixtures/openapi.json):
// for each operation, its success answer filled in from the `examples` (or `example`, `const`,
// `enum`, `default`) of every property, resolving `$ref`, `allOf` and `anyOf`/`oneOf`.
import { readFileSync } from "node:fs";

interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly example?: unknown;
  readonly examples?: readonly unknown[];
}

interface SpecOperation {
  readonly operationId: string;
  readonly responses: Readonly<Record<string, { content?: Record<string, { schema: JsonSchema }> }>>;
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, SpecOperation>>;
  readonly components: { readonly schemas: Record<string, JsonSchema> };
}

const spec = JSON.parse(readFileSync(new URL("../fixtures/openapi.json", import.meta.url), "utf8")) as OpenApiDocument;

/** One payload of an operation's success answer, and how it was filled in. */
export interface SpecExample {
  readonly operationId: string;
  readonly variant: string;
  /** The whole JSON body of the answer (the envelope, when the operation has one). */
  readonly body: unknown;
}

/**
 * Every success answer of every operation, in several variants: variant `n` takes the `n`-th
 * example of each property and the `n`-th option of each `anyOf` (or the last, when there are
 * fewer), once with every property and once with only the required ones.
 */
export function specExamples(): SpecExample[] {
  return Object.values(spec.paths).flatMap((methods) =>
    Object.values(methods).flatMap((operation) => {
      const success = operation.responses["200"] ?? operation.responses["202"];
      const schema = success?.content?.["application/json"]?.schema;
      if (!schema) return [];
      const count = Math.max(1, widestChoice(schema, new Set()));
      return Array.from({ length: count }, (_, pick) =>
        (["complete", "required"] as const).map((fields) => ({
          operationId: operation.operationId,
          variant: `${fields} #${pick}`,
          body: exampleOf(schema, { pick, onlyRequired: fields === "required" }, new Set()),
        })),
      ).flat();
    }),
  );
}

interface Choice {
  readonly pick: number;
  readonly onlyRequired: boolean;
}

function resolve(schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const { $ref, ...rest } = schema;
  const name = $ref.replace("#/components/schemas/", "");
  return { ...resolve(spec.components.schemas[name] as JsonSchema), ...rest };
}

function nth<T>(list: readonly T[], pick: number): T {
  return list[Math.min(pick, list.length - 1)] as T;
}

/** The most examples or options any one place of the schema offers: how many variants are worth building. */
function widestChoice(raw: JsonSchema, seen: Set<string>): number {
  if (raw.$ref && seen.has(raw.$ref)) return 1;
  const schema = resolve(raw);
  const inner = new Set(raw.$ref ? [...seen, raw.$ref] : seen);
  const children = [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
    ...(typeof schema.additionalProperties === "object" ? [schema.additionalProperties] : []),
    ...(schema.anyOf ?? schema.oneOf ?? []),
    ...(schema.allOf ?? []),
  ];
  const own = Math.max(schema.examples?.length ?? 1, (schema.anyOf ?? schema.oneOf)?.length ?? 1);
  return Math.max(own, ...children.map((child) => widestChoice(child, inner)));
}

function exampleOf(raw: JsonSchema, choice: Choice, seen: Set<string>): unknown {
  const schema = resolve(raw);
  const inner = new Set(raw.$ref ? [...seen, raw.$ref] : seen);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => exampleOf(part, choice, inner)));
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return exampleOf(nth(options, choice.pick), choice, inner);
  if (schema.const !== undefined) return schema.const;
  if (schema.examples?.length) return nth(schema.examples, choice.pick);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return nth(schema.enum, choice.pick);
  if (schema.default !== undefined) return schema.default;
  const type = Array.isArray(schema.type) ? nth(schema.type, choice.pick) : schema.type;
  switch (type) {
    case "object": {
      const entries = Object.entries(schema.properties ?? {}).filter(
        ([name]) => !choice.onlyRequired || schema.required?.includes(name),
      );
      const object = Object.fromEntries(entries.map(([name, property]) => [name, exampleOf(property, choice, inner)]));
      if (typeof schema.additionalProperties === "object")
        object.example_key = exampleOf(schema.additionalProperties, choice, inner);
      return object;
    }
    case "array":
      return schema.items && !(schema.items.$ref && seen.has(schema.items.$ref))
        ? [exampleOf(schema.items, choice, inner)]
        : [];
    case "string":
      return "text";
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return {};
  }
}
