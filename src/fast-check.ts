/**
 * A fast yes/no check derived from a valibot response schema: the same verdict as
 * `v.safeParse(schema, value).success` for plain JSON data, in a fraction of the time, because it
 * stops at the first problem, builds no output copy and allocates nothing. Only a failure needs
 * valibot's full report, so `validateResponse` runs the schema itself only then.
 *
 * The check is built from the schema's own description (valibot schemas are plain objects), once
 * per schema and on first use, into closures; there is no generated source and no `eval`, so
 * Workers allow it and it cannot drift from the schema. A schema with anything the check does not
 * reproduce exactly (pipes, transformations, defaults, strict objects) gets no check and is always
 * run by valibot.
 */

/** A compiled check: `true` when valibot would accept the value and output an equal copy of it. */
export type FastCheck = (value: unknown) => boolean;

// Valibot schemas are plain objects; these are the fields the compiler reads.
interface SchemaNode {
  readonly type: string;
  readonly pipe?: readonly unknown[];
  readonly entries?: Readonly<Record<string, SchemaNode>>;
  readonly item?: SchemaNode;
  readonly wrapped?: SchemaNode;
  readonly default?: unknown;
  readonly fallback?: unknown;
  readonly options?: readonly unknown[];
  readonly key?: SchemaNode;
  readonly value?: SchemaNode;
}

const compiled = new WeakMap<object, FastCheck | null>();

/** The check for a schema, compiled on first use; `undefined` when the schema has parts it cannot reproduce. */
export function fastCheckOf(schema: object): FastCheck | undefined {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = compile(schema as SchemaNode) ?? null;
    compiled.set(schema, check);
  }
  return check ?? undefined;
}

const isString: FastCheck = (value) => typeof value === "string";
const isNumber: FastCheck = (value) => typeof value === "number" && !Number.isNaN(value);
const isBoolean: FastCheck = (value) => typeof value === "boolean";
const isAnything: FastCheck = () => true;

/**
 * A plain object whose every key valibot would copy: valibot's objects and records leave out
 * `__proto__`, `constructor` and `prototype` keys (and copy arrays into objects), so such values
 * are left to valibot, whose output then differs from the input.
 */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { constructor?: unknown }).constructor === Object &&
    (value as { prototype?: unknown }).prototype === undefined &&
    !Object.hasOwn(value, "__proto__")
  );
}

/** May the key be absent? The same test valibot's objects make. */
function mayBeAbsent(node: SchemaNode): boolean {
  return node.type === "optional" || node.type === "nullish";
}

function compile(node: SchemaNode): FastCheck | undefined {
  if (node.pipe || node.default !== undefined || node.fallback !== undefined) return undefined;
  switch (node.type) {
    case "string":
      return isString;
    case "number":
      return isNumber;
    case "boolean":
      return isBoolean;
    case "unknown":
      return isAnything;
    case "picklist": {
      const options = node.options ?? [];
      return (value) => options.includes(value);
    }
    case "optional":
      return around(node.wrapped, (inner) => (value) => value === undefined || inner(value));
    case "nullable":
      return around(node.wrapped, (inner) => (value) => value === null || inner(value));
    case "nullish":
      return around(node.wrapped, (inner) => (value) => value === undefined || value === null || inner(value));
    case "array":
      return around(node.item, arrayOf);
    case "record":
      return node.key?.type === "string" && !node.key.pipe ? around(node.value, recordOf) : undefined;
    case "loose_object":
      return looseObject(node.entries ?? {});
    case "union":
      return union((node.options ?? []) as SchemaNode[]);
    default:
      return undefined;
  }
}

/** A check built around the check of an inner schema (wrapped, item or value), when that one compiles. */
function around(inner: SchemaNode | undefined, build: (check: FastCheck) => FastCheck): FastCheck | undefined {
  const check = inner && compile(inner);
  return check && build(check);
}

function arrayOf(item: FastCheck): FastCheck {
  return (value) => {
    if (!Array.isArray(value)) return false;
    for (let index = 0; index < value.length; index++) if (!item(value[index])) return false;
    return true;
  };
}

function recordOf(entry: FastCheck): FastCheck {
  return (value) => {
    if (!isPlainRecord(value)) return false;
    for (const key in value) if (Object.hasOwn(value, key) && !entry(value[key])) return false;
    return true;
  };
}

function looseObject(entries: Readonly<Record<string, SchemaNode>>): FastCheck | undefined {
  const keys = Object.keys(entries);
  const checks: FastCheck[] = [];
  const optional: boolean[] = [];
  for (const key of keys) {
    const check = compile(entries[key] as SchemaNode);
    if (!check) return undefined;
    checks.push(check);
    optional.push(mayBeAbsent(entries[key] as SchemaNode));
  }
  return (value) => {
    if (!isPlainRecord(value)) return false;
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index] as string;
      const field = value[key];
      if (field === undefined && !(key in value)) {
        if (!optional[index]) return false;
      } else if (!(checks[index] as FastCheck)(field)) return false;
    }
    return true;
  };
}

/** Any option accepts. An open enum (`union([picklist, string])`) is just a string check. */
function union(options: readonly SchemaNode[]): FastCheck | undefined {
  const checks: FastCheck[] = [];
  for (const option of options) {
    const check = compile(option);
    if (!check) return undefined;
    checks.push(check);
  }
  if (checks.includes(isString) && options.every((option) => option.type === "string" || (option.type === "picklist" && option.options?.every((item) => typeof item === "string")))) {
    return isString;
  }
  return (value) => checks.some((check) => check(value));
}
