/**
 * A strict twin of a response schema: the client's schemas are loose on purpose (the API
 * grows), but a fake of the API should send nothing the schemas do not know. Used by the
 * simulator's own tests, and by anyone who wants to check that their fake is faithful.
 */
import * as v from "valibot";
import type { AnySchema } from "../operation-schemas.js";

// Valibot schemas are plain objects; these are the fields the walk reads.
interface SchemaNode {
  readonly type: string;
  readonly message?: v.ErrorMessage<v.BaseIssue<unknown>>;
  readonly pipe?: readonly unknown[];
  readonly entries?: Record<string, SchemaNode>;
  readonly item?: SchemaNode;
  readonly wrapped?: SchemaNode;
  readonly default?: unknown;
  readonly options?: readonly SchemaNode[];
  readonly key?: SchemaNode;
  readonly value?: SchemaNode;
}

/**
 * Rebuilds a valibot schema with every `looseObject` (and plain `object`) made a
 * `strictObject`, and every open enum (`union([picklist, string])`) reduced to its picklist,
 * so that unknown keys and unknown enum values are rejected. Walks objects, arrays,
 * optional/nullable/nullish wrappers, unions, records and pipes.
 * @example
 * ```ts
 * import { operations } from "lambda-cloud";
 * import { toStrictSchema } from "lambda-cloud/testing";
 * import * as v from "valibot";
 * v.parse(toStrictSchema(operations.getInstance.response), payloadFromMyFake);
 * ```
 */
export function toStrictSchema<Schema extends AnySchema>(schema: Schema): AnySchema {
  return strict(schema as unknown as SchemaNode) as AnySchema;
}

function strict(node: SchemaNode): unknown {
  if (node.pipe) {
    // A piped schema is `{ ...root, pipe: [root, ...actions] }`: rebuild the root, keep the actions.
    const [root, ...actions] = node.pipe as [SchemaNode, ...unknown[]];
    return v.pipe(strict(root) as AnySchema, ...(actions as []));
  }
  switch (node.type) {
    case "object":
    case "loose_object":
    case "strict_object":
      return v.strictObject(
        Object.fromEntries(
          Object.entries(node.entries ?? {}).map(([key, entry]) => [key, strict(entry)]),
        ) as v.ObjectEntries,
        node.message as never,
      );
    case "array":
      return v.array(strict(node.item as SchemaNode) as AnySchema, node.message as never);
    case "optional":
      return v.optional(strict(node.wrapped as SchemaNode) as AnySchema, node.default as never);
    case "nullable":
      return v.nullable(strict(node.wrapped as SchemaNode) as AnySchema, node.default as never);
    case "nullish":
      return v.nullish(strict(node.wrapped as SchemaNode) as AnySchema, node.default as never);
    case "union": {
      const options = node.options ?? [];
      const picklist = options.find((option) => option.type === "picklist");
      const isOpenEnum =
        options.length === 2 && picklist && options.some((option) => option.type === "string" && !option.pipe);
      if (isOpenEnum) return picklist;
      return v.union(
        options.map((option) => strict(option) as AnySchema),
        node.message as never,
      );
    }
    case "record":
      return v.record(node.key as never, strict(node.value as SchemaNode) as AnySchema, node.message as never);
    default:
      return node;
  }
}
