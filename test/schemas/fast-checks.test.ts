import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import * as v from "valibot";
import { beforeAll, describe, expect, it } from "vitest";
import { emitCheck, emitFastChecks } from "../../scripts/fast-checks/emit.js";
import { schemaNamesOf } from "../../scripts/fast-checks/schema-names.js";
import * as answerChecks from "../../src/fast-checks.generated.js";
import * as publicExports from "../../src/index.js";
import { type OperationId, type OperationSpec, operationList, operations } from "../../src/operation-schemas.js";
import { validateParsed } from "../../src/validate-parsed.js";
import { validate } from "../../src/validation.js";
import { mutationsOf } from "../helpers/mutations.js";
import { specExamples } from "../helpers/spec-examples.js";
import { recordEveryOperation } from "../testing/every-operation.js";

/** A payload the response schema of an operation is run on, and where it came from. */
interface Sample {
  readonly operationId: OperationId;
  readonly origin: string;
  readonly payload: unknown;
}

/**
 * What valibot says (the source of truth) and what the fast check says, for one sample. The fast
 * check's promise is exact: `true` when, and only when, valibot accepts the payload and outputs an
 * equal copy of it (valibot also accepts an array for an object, or drops a `__proto__` key, and
 * outputs something else; those payloads are left to valibot).
 */
function verdicts(sample: Sample) {
  const { response, answerCheck } = operations[sample.operationId];
  const result = v.safeParse(response, sample.payload);
  return {
    valibot: result.success,
    equalCopy: result.success && isDeepStrictEqual(result.output, sample.payload),
    fast: answerCheck?.(sample.payload),
  };
}

/** The spec examples and the simulator answers, before mutation. */
let seeds: Sample[];
let corpus: Sample[];

beforeAll(async () => {
  const fromSpec = specExamples().map(({ operationId, variant, body }): Sample => {
    const operation: OperationSpec = operations[operationId as OperationId];
    return {
      operationId: operation.id as OperationId,
      origin: `spec ${variant}`,
      payload: operation.envelope === "body" ? body : (body as { data: unknown }).data,
    };
  });
  const fromSimulator = (await recordEveryOperation()).map(
    ({ operationId, payload }, index): Sample => ({
      operationId: operationId as OperationId,
      origin: `simulator answer #${index}`,
      payload,
    }),
  );
  seeds = [...fromSpec, ...fromSimulator];
  const mutated = seeds.flatMap((sample) =>
    mutationsOf(sample.payload).map(({ change, value }) => ({
      ...sample,
      origin: `${sample.origin}, ${change}`,
      payload: value,
    })),
  );
  corpus = [...seeds, ...mutated];
}, 60_000);

describe("the generated fast checks (src/fast-checks.generated.ts)", () => {
  it("are what the generator makes of today's schemas: run `npm run generate:fast-checks` after changing a response schema", () => {
    const generated = emitFastChecks({ operations, schemaNames: schemaNamesOf(publicExports) });
    expect(readFileSync(new URL("../../src/fast-checks.generated.ts", import.meta.url), "utf8")).toBe(generated);
  });

  it("exists for every one of the 34 operations' response schemas, so no answer is left to the slow path", () => {
    expect(operationList.filter((operation) => !operation.answerCheck).map((operation) => operation.id)).toEqual([]);
  });

  it("is attached to the operation it was generated for (src/operation-schemas.ts names each by hand)", () => {
    const checks: Readonly<Record<string, unknown>> = answerChecks;
    expect(
      operationList
        .filter((operation) => operation.answerCheck !== checks[operation.id])
        .map((operation) => operation.id),
    ).toEqual([]);
  });

  it("is fed a corpus with spec examples and simulator answers for all 34 operations, and valid and invalid payloads for each", {
    timeout: 30_000,
  }, () => {
    const ids = (samples: Sample[]) => new Set(samples.map((sample) => sample.operationId));
    expect(ids(seeds.filter((sample) => sample.origin.startsWith("spec"))).size).toBe(34);
    expect(ids(seeds.filter((sample) => sample.origin.startsWith("simulator"))).size).toBe(34);
    const withBoth = operationList.filter((operation) => {
      const own = corpus.filter((sample) => sample.operationId === operation.id).map(verdicts);
      return own.some((verdict) => verdict.valibot) && own.some((verdict) => !verdict.valibot);
    });
    expect(withBoth).toHaveLength(34);
  });

  it("gives valibot's verdict on every spec example, simulator answer and mutation of them", {
    timeout: 30_000,
  }, () => {
    const disagreements = corpus.flatMap((sample) => {
      const verdict = verdicts(sample);
      return verdict.fast === verdict.equalCopy
        ? []
        : [`${sample.operationId} (${sample.origin}): valibot ${verdict.valibot}, fast ${verdict.fast}`];
    });
    expect(disagreements).toEqual([]);
  });

  it("gives valibot's verdict on every spec example and simulator answer for every other operation's schema too", () => {
    const disagreements = seeds.flatMap((sample) =>
      operationList.flatMap((operation) => {
        const verdict = verdicts({ ...sample, operationId: operation.id as OperationId });
        return verdict.fast === verdict.equalCopy
          ? []
          : [`${operation.id} on ${sample.operationId} (${sample.origin})`];
      }),
    );
    expect(disagreements).toEqual([]);
  });
});

describe("validateParsed, the client's validation of answers", () => {
  it("returns what validate returns, output and problems alike, for the whole corpus", { timeout: 30_000 }, () => {
    const differences = corpus.filter((sample) => {
      const { response, answerCheck } = operations[sample.operationId];
      return !isDeepStrictEqual(
        validateParsed(response, answerCheck, sample.payload),
        validate(response, sample.payload),
      );
    });
    expect(differences.map((sample) => `${sample.operationId} (${sample.origin})`)).toEqual([]);
  });

  it("leaves to valibot a payload with keys valibot does not copy, and returns valibot's copy without them", () => {
    const { response: schema, answerCheck } = operations.getInstance;
    const instance = seeds.find((sample) => sample.operationId === "getInstance")!.payload as object;
    for (const key of ["__proto__", "constructor", "prototype"]) {
      const parsed = JSON.parse(
        JSON.stringify({ ...instance, region: { name: "us-west-1", description: "California, USA" } }).replace(
          '"region":{',
          `"region":{"${key}":1,`,
        ),
      );
      expect(Object.hasOwn(parsed.region, key)).toBe(true);
      expect(answerCheck(parsed)).toBe(false);
      const result = validateParsed(schema, answerCheck, parsed);
      expect(result).toStrictEqual(validate(schema, parsed));
      expect(result.ok && Object.hasOwn(result.value.region, key)).toBe(false);
    }
  });

  it("returns the parsed payload itself when the fast check accepts it", () => {
    const payload = seeds.find(
      (sample) => sample.operationId === "listInstances" && (sample.payload as unknown[]).length > 0,
    )!.payload;
    const result = validateParsed(operations.listInstances.response, operations.listInstances.answerCheck, payload);
    expect(result.ok && result.value).toBe(payload);
  });
});

describe("schemas a fast check cannot reproduce", () => {
  it.each([
    ["a pipe", v.pipe(v.string(), v.maxLength(3))],
    [
      "a transformation",
      v.pipe(
        v.string(),
        v.transform((text) => text.length),
      ),
    ],
    ["a default", v.optional(v.string(), "none")],
    ["a strict object", v.strictObject({ id: v.string() })],
    ["a date", v.date()],
    [
      "a piped field deep inside",
      v.looseObject({ list: v.array(v.looseObject({ id: v.pipe(v.string(), v.uuid()) })) }),
    ],
  ])("get no check, so valibot runs: %s", (_name, schema) => {
    expect(emitCheck(schema)).toBeUndefined();
  });

  it("are told apart from those it can, down to a field", () => {
    expect(emitCheck(v.looseObject({ list: v.array(v.looseObject({ id: v.string() })) }))).toContain(
      "isString(value.id)",
    );
  });
});
