import { afterEach, describe, expect, it, vi } from "vitest";
import { fromEnv } from "../../src/auth/providers/env";
import { readKey } from "../../src/auth/read-key";
import { KeyProviderError } from "../../src/errors";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe("fromEnv (Node)", () => {
  it("reads LAMBDA_API_KEY by default, named env:LAMBDA_API_KEY", async () => {
    vi.stubEnv("LAMBDA_API_KEY", "env-key-1");
    const provider = fromEnv();
    expect(provider.name).toBe("env:LAMBDA_API_KEY");
    await expect(readKey(provider)).resolves.toBe("env-key-1");
  });

  it("reads the variable at every call, so a rotated value is picked up", () => {
    const provider = fromEnv("ROTATING_KEY");
    vi.stubEnv("ROTATING_KEY", "first");
    expect(provider.getKey()).toBe("first");
    vi.stubEnv("ROTATING_KEY", "second");
    expect(provider.getKey()).toBe("second");
  });

  it("names a missing variable and says how to set it in each runtime", () => {
    vi.stubEnv("LAMBDA_API_KEY", undefined);
    const provider = fromEnv();
    let error: unknown;
    try {
      provider.getKey();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KeyProviderError);
    const message = (error as Error).message;
    expect(message).toContain(
      "API key provider env:LAMBDA_API_KEY: the environment variable LAMBDA_API_KEY is not set",
    );
    expect(message).toContain("export LAMBDA_API_KEY=");
    expect(message).toContain(".env");
    expect(message).toContain("--allow-env=LAMBDA_API_KEY");
    expect(message).toContain("wrangler secret put LAMBDA_API_KEY");
    expect(message).toContain(".dev.vars");
    expect(message).toContain("fromBinding(env)");
  });

  it("uses the given variable name in the provider name and the messages", () => {
    vi.stubEnv("OTHER_KEY", undefined);
    const provider = fromEnv("OTHER_KEY");
    expect(provider.name).toBe("env:OTHER_KEY");
    expect(() => provider.getKey()).toThrow("wrangler secret put OTHER_KEY");
  });

  it("falls back to Deno.env when process.env lacks the variable", () => {
    vi.stubEnv("LAMBDA_API_KEY", undefined);
    const get = vi.fn((name: string) => (name === "LAMBDA_API_KEY" ? "deno-key" : undefined));
    vi.stubGlobal("Deno", { env: { get } });
    expect(fromEnv().getKey()).toBe("deno-key");
    expect(get).toHaveBeenCalledWith("LAMBDA_API_KEY");
  });

  it("prefers process.env over Deno.env", () => {
    vi.stubEnv("LAMBDA_API_KEY", "process-key");
    vi.stubGlobal("Deno", { env: { get: () => "deno-key" } });
    expect(fromEnv().getKey()).toBe("process-key");
  });

  it("works without process at all (browsers, Workers without nodejs_compat)", () => {
    vi.stubGlobal("process", undefined);
    let error: unknown;
    try {
      fromEnv().getKey();
    } catch (e) {
      error = e;
    }
    vi.unstubAllGlobals();
    expect(error).toBeInstanceOf(KeyProviderError);
    expect((error as Error).message).toContain("LAMBDA_API_KEY is not set");
  });

  it.each(["NotCapable", "PermissionDenied"])(
    "turns Deno's %s into a message saying run with --allow-env=<name>",
    (errorName) => {
      vi.stubEnv("MY_KEY", undefined);
      const denied = Object.assign(new Error('Requires env access to "MY_KEY"'), { name: errorName });
      vi.stubGlobal("Deno", {
        env: {
          get: () => {
            throw denied;
          },
        },
      });
      let error: unknown;
      try {
        fromEnv("MY_KEY").getKey();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(KeyProviderError);
      expect((error as Error).message).toContain("run with --allow-env=MY_KEY");
      expect((error as Error).cause).toBe(denied);
    },
  );

  it("wraps any other failure of the environment with the cause", () => {
    vi.stubEnv("LAMBDA_API_KEY", undefined);
    const failure = new Error("env broken");
    vi.stubGlobal("Deno", {
      env: {
        get: () => {
          throw failure;
        },
      },
    });
    expect(() => fromEnv().getKey()).toThrow("reading the environment variable LAMBDA_API_KEY failed: env broken");
  });

  it("refuses an empty variable name", () => {
    expect(() => fromEnv("")).toThrow(TypeError);
  });
});
