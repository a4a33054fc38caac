// Validation messages read like the API's docs (`instance_type_name is required`), describe
// what was expected, and never quote a received value: a received string may be a key or a
// Jupyter token.

import * as v from "valibot";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type InstanceLaunchRequest, RequestValidationError, ResponseValidationError } from "../../src/index.js";
import { describeIssue, validate } from "../../src/validation.js";
import { clientFor, createMockApi, ok } from "../helpers/mock-api.js";
import { instance } from "../helpers/payloads.js";

const TOKEN = "jupyter-token-53968f128c4a4489b688c2c0a181d083";

async function errorOf<T extends Error>(promise: Promise<unknown>): Promise<T> {
  return (await promise.catch((e: unknown) => e)) as T;
}

describe("request-validation messages", () => {
  it("say `instance_type_name is required` for a missing field", async () => {
    const client = clientFor(createMockApi(() => ok({})));
    const error = await errorOf<RequestValidationError>(
      client.instances.launch({
        region_name: "us-west-1",
        ssh_key_names: ["laptop"],
      } as unknown as InstanceLaunchRequest),
    );
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error.problems).toEqual([{ path: "instance_type_name", message: "is required" }]);
    expect(error.message).toBe(
      "Invalid arguments for launchInstance; nothing was sent: instance_type_name is required.",
    );
  });

  it("say `ssh_key_names must hold exactly one key name` for none or two", async () => {
    const client = clientFor(createMockApi(() => ok({})));
    for (const names of [[], ["a", "b"]]) {
      const body = {
        region_name: "us-west-1",
        instance_type_name: "gpu_1x_a10",
        ssh_key_names: names,
      } as unknown as InstanceLaunchRequest;
      const error = await errorOf<RequestValidationError>(client.instances.launch(body));
      expect(error.message).toContain("ssh_key_names must hold exactly one key name");
    }
  });

  it("never quote a wrong value the caller passed", async () => {
    const client = clientFor(createMockApi(() => ok({})));
    const body = {
      region_name: "us-west-1",
      instance_type_name: "gpu_1x_a10",
      ssh_key_names: ["laptop"],
      quantity: TOKEN,
      name: 42,
    };
    const error = await errorOf<RequestValidationError>(
      client.instances.launch(body as unknown as InstanceLaunchRequest),
    );
    expect(error.message).not.toContain(TOKEN);
    expect(error.problems).toEqual([
      { path: "name", message: "must be a string" },
      { path: "quantity", message: "is not allowed here" },
    ]);
  });
});

describe("response-validation problems", () => {
  it("describe the expected shape and the received type, never the received string", async () => {
    const error = await errorOf<ResponseValidationError>(clientFor(createMockApi(() => ok(TOKEN))).instances.list());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.problems).toEqual([{ path: "", message: "must be an array, not a string" }]);
    expect(error.message).toContain("the value must be an array, not a string");
    expect(error.message).not.toContain(TOKEN);
  });

  it("name the path of a nested field and never quote its value", async () => {
    const broken = { ...instance, jupyter_token: 7, region: TOKEN, status: undefined };
    const error = await errorOf<ResponseValidationError>(clientFor(createMockApi(() => ok([broken]))).instances.list());
    const byPath = Object.fromEntries(error.problems.map((problem) => [problem.path, problem.message]));
    expect(byPath["[0].region"]).toBe("must be an object, not a string");
    expect(byPath["[0].status"]).toBe("is required");
    expect(byPath["[0].jupyter_token"]).toBe("must be a string, not a number");
    expect(JSON.stringify(error.problems)).not.toContain(TOKEN);
    expect(error.message).not.toContain(TOKEN);
  });
});

describe("describeIssue, for every kind of issue without a message of its own", () => {
  const messages = (schema: v.GenericSchema, value: unknown) => {
    const result = validate(schema, value);
    return result.ok ? [] : result.problems.map((problem) => problem.message);
  };

  it.each([
    ['must be "a" or "b", not a string', v.picklist(["a", "b"]), "c"],
    ['must be "x", not a string', v.literal("x"), TOKEN],
    ["must hold exactly 3 characters", v.pipe(v.string(), v.length(3)), TOKEN],
    ["must hold at least 2 items", v.pipe(v.array(v.string()), v.minLength(2)), [TOKEN]],
    ["must hold at most 2 characters", v.pipe(v.string(), v.maxLength(2)), TOKEN],
    ["must be at least 1", v.pipe(v.number(), v.minValue(1)), 0],
    ["must be at most 1", v.pipe(v.number(), v.maxValue(1)), 2],
    ["must be a whole number", v.pipe(v.number(), v.integer()), 1.5],
    ["must match /^a+$/", v.pipe(v.string(), v.regex(/^a+$/)), TOKEN],
    ["must pass the email check", v.pipe(v.string(), v.email()), TOKEN],
    ["is not allowed here", v.strictObject({}), { [TOKEN]: 1 }],
    ["must be null, not an array", v.null(), [TOKEN]],
  ])("says %s", (expected, schema, value) => {
    const [message] = messages(schema as v.GenericSchema, value);
    expect(message?.startsWith(expected), message).toBe(true);
    expect(message).not.toContain(TOKEN);
  });

  it("keeps a schema's own message", () => {
    expect(messages(v.string("must be a name"), 1)).toEqual(["must be a name"]);
  });

  it("is used only when the schema has no message of its own (the function itself never sees values it quotes)", () => {
    const issue = {
      kind: "schema",
      type: "string",
      input: TOKEN,
      expected: "number",
      received: `"${TOKEN}"`,
      message: "",
    } as v.BaseIssue<unknown>;
    expect(describeIssue(issue)).toBe("must be a number, not a string");
  });
});

describe("fixed arity in the types", () => {
  it("types ssh_key_names as a one-element tuple", () => {
    expectTypeOf<InstanceLaunchRequest["ssh_key_names"]>().toEqualTypeOf<[string]>();
    const twoKeys: InstanceLaunchRequest = {
      region_name: "us-west-1",
      instance_type_name: "gpu_1x_a10",
      // @ts-expect-error two key names: the API takes exactly one
      ssh_key_names: ["a", "b"],
    };
    expect(twoKeys.ssh_key_names).toHaveLength(2);
  });
});
