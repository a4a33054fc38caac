import { describe, expect, it } from "vitest";
import { type RunResult, runBun, runDeno, runtimeBinary, sha256, verdictOf } from "./runtime-process";

// Each run gets its own random key; the scripts print only its SHA-256.
const sentinel = () => `lc-sentinel-${crypto.randomUUID()}`;

function expectNoSentinel(result: RunResult, key: string) {
  // Not `expect(stdout).not.toContain(key)`: a failure message would print the key.
  expect(result.stdout.includes(key), "the key appeared in stdout").toBe(false);
  expect(result.stderr.includes(key), "the key appeared in stderr").toBe(false);
}

describe("fromEnv in Deno (node_modules/.bin/deno)", () => {
  it("reads LAMBDA_API_KEY with --allow-env=LAMBDA_API_KEY, and logs the provider without the key", async () => {
    const key = sentinel();
    const result = await runDeno(["--allow-env=LAMBDA_API_KEY"], { LAMBDA_API_KEY: key });
    expectNoSentinel(result, key);
    expect(verdictOf(result)).toEqual({ ok: true, name: "env:LAMBDA_API_KEY", sha256: sha256(key) });
    expect(result.stdout).toContain("KeyProvider(env:LAMBDA_API_KEY)");
    expect(result.code).toBe(0);
  }, 60_000);

  it("without --allow-env, says to run with --allow-env=LAMBDA_API_KEY", async () => {
    const key = sentinel();
    const result = await runDeno([], { LAMBDA_API_KEY: key });
    expectNoSentinel(result, key);
    const verdict = verdictOf(result);
    expect(verdict).toMatchObject({ ok: false, errorName: "KeyProviderError", provider: "env:LAMBDA_API_KEY" });
    expect(verdict.ok === false && verdict.message).toContain("run with --allow-env=LAMBDA_API_KEY");
    expect(result.code).toBe(2);
  }, 60_000);

  it("names the actual variable in the permission message when another variable is read", async () => {
    const result = await runDeno(["--allow-env=LAMBDA_API_KEY"], { MY_LAMBDA_KEY: sentinel() }, ["MY_LAMBDA_KEY"]);
    const verdict = verdictOf(result);
    expect(verdict.ok === false && verdict.message).toContain("run with --allow-env=MY_LAMBDA_KEY");
  }, 60_000);

  it("with permission but no variable, names the variable and how to set it", async () => {
    const result = await runDeno(["--allow-env=LAMBDA_API_KEY"], {});
    const verdict = verdictOf(result);
    expect(verdict).toMatchObject({ ok: false, errorName: "KeyProviderError" });
    const message = verdict.ok === false ? verdict.message : "";
    expect(message).toContain("LAMBDA_API_KEY is not set");
    expect(message).toContain("--allow-env=LAMBDA_API_KEY");
  }, 60_000);
});

describe("fromEnv in Bun (node_modules/.bin/bun)", () => {
  it("reads LAMBDA_API_KEY from process.env, and logs the provider without the key", async () => {
    const key = sentinel();
    const result = await runBun({ LAMBDA_API_KEY: key });
    expectNoSentinel(result, key);
    expect(verdictOf(result)).toEqual({ ok: true, name: "env:LAMBDA_API_KEY", sha256: sha256(key) });
    expect(result.stdout).toContain("KeyProvider(env:LAMBDA_API_KEY)");
    expect(result.code).toBe(0);
  }, 60_000);

  it("reads a variable given by name", async () => {
    const key = sentinel();
    const result = await runBun({ OTHER_KEY: key }, ["OTHER_KEY"]);
    expectNoSentinel(result, key);
    expect(verdictOf(result)).toEqual({ ok: true, name: "env:OTHER_KEY", sha256: sha256(key) });
  }, 60_000);

  it("without the variable, names it and how to set it in Node/Bun", async () => {
    const result = await runBun({});
    const verdict = verdictOf(result);
    expect(verdict).toMatchObject({ ok: false, errorName: "KeyProviderError", provider: "env:LAMBDA_API_KEY" });
    const message = verdict.ok === false ? verdict.message : "";
    expect(message).toContain("LAMBDA_API_KEY is not set");
    expect(message).toContain("export LAMBDA_API_KEY=");
    expect(result.code).toBe(2);
  }, 60_000);
});

describe("runtime binaries", () => {
  it.each(["deno", "bun"] as const)(
    "a missing %s binary fails with how to install it, instead of skipping",
    (runtime) => {
      expect(() => runtimeBinary(runtime, "/nonexistent-checkout")).toThrow(
        `The ${runtime} binary is missing at /nonexistent-checkout/node_modules/.bin/${runtime}. Install the devDependencies with \`npm ci\``,
      );
    },
  );
});
