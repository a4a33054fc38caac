// Invalid (and a few still valid) variants of a JSON payload, for tests that compare two
// validators: at every place of the payload, the value replaced by values of each other type,
// and every key of every object removed.

/** Values of every JSON type (and `undefined` and `NaN`, which JSON cannot carry but JavaScript callers can). */
const REPLACEMENTS: readonly unknown[] = [
  null,
  undefined,
  Number.NaN,
  0,
  "text",
  true,
  [],
  {},
  ["text"],
  { key: "value" },
];

/** One variant: where it was changed and the changed payload (the original is never modified). */
export interface Mutation {
  readonly change: string;
  readonly value: unknown;
}

/**
 * Every variant of `value` with one place changed: each value replaced, each key removed, at any
 * depth. Of an array's items only the first is changed (the others have the same shape).
 */
export function mutationsOf(value: unknown, path = "$"): Mutation[] {
  const here = REPLACEMENTS.map((replacement) => ({
    change: `${path} = ${describe(replacement)}`,
    value: replacement,
  }));
  if (Array.isArray(value)) {
    return [
      ...here,
      ...value.slice(0, 1).flatMap((item) =>
        mutationsOf(item, `${path}[0]`).map(({ change, value: mutated }) => ({
          change,
          value: value.with(0, mutated),
        })),
      ),
    ];
  }
  if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    return [
      ...here,
      ...Object.keys(object).flatMap((key) => {
        const { [key]: _removed, ...rest } = object;
        return [
          { change: `delete ${path}.${key}`, value: rest },
          ...mutationsOf(object[key], `${path}.${key}`).map(({ change, value: mutated }) => ({
            change,
            value: { ...object, [key]: mutated },
          })),
        ];
      }),
    ];
  }
  return here;
}

function describe(value: unknown): string {
  return value === undefined ? "undefined" : Number.isNaN(value) ? "NaN" : JSON.stringify(value);
}
