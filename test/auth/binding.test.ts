import { describe, expect, it } from "vitest";
import { fromBinding } from "../../src/auth/providers/binding";
import { readKey } from "../../src/auth/read-key";
import { KeyProviderError } from "../../src/errors";

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a throw");
}

describe("fromBinding", () => {
  it("reads env.LAMBDA_API_KEY by default, named binding:LAMBDA_API_KEY", async () => {
    const provider = fromBinding({ LAMBDA_API_KEY: "binding-key" });
    expect(provider.name).toBe("binding:LAMBDA_API_KEY");
    await expect(readKey(provider)).resolves.toBe("binding-key");
  });

  it("reads a named binding at every call", () => {
    const env: Record<string, string> = { MY_SECRET: "one" };
    const provider = fromBinding(env, "MY_SECRET");
    expect(provider.name).toBe("binding:MY_SECRET");
    expect(provider.getKey()).toBe("one");
    env.MY_SECRET = "two";
    expect(provider.getKey()).toBe("two");
  });

  it("explains wrangler secret put and .dev.vars when the binding is missing", () => {
    const error = thrown(() => fromBinding({}).getKey());
    expect(error).toBeInstanceOf(KeyProviderError);
    expect(error.message).toContain("the Worker has no binding named LAMBDA_API_KEY");
    expect(error.message).toContain("wrangler secret put LAMBDA_API_KEY");
    expect(error.message).toContain(".dev.vars");
  });

  it("says what the binding is when it is not a string, without its contents", () => {
    const error = thrown(() => fromBinding({ LAMBDA_API_KEY: { nested: "secret-value" } }).getKey());
    expect(error.message).toContain("the binding LAMBDA_API_KEY is an object, not a string secret");
    expect(error.message).not.toContain("secret-value");
    expect(thrown(() => fromBinding({ LAMBDA_API_KEY: 42 }).getKey()).message).toContain("is a number");
  });

  it("points to fromSecretsStore when the binding is a Secrets Store binding", () => {
    const error = thrown(() => fromBinding({ LAMBDA_API_KEY: { get: async () => "x" } }).getKey());
    expect(error.message).toContain("use fromSecretsStore(env.LAMBDA_API_KEY)");
  });

  it("throws a TypeError when env is not an object", () => {
    expect(() => fromBinding(undefined as unknown as object)).toThrow(TypeError);
    expect(() => fromBinding(null as unknown as object)).toThrow("needs the Worker's env object");
  });
});
