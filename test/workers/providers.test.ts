import { adminSecretsStore } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { fromBinding } from "../../src/auth/providers/binding";
import { fromSecretsStore } from "../../src/auth/providers/secrets-store";
import { readKey } from "../../src/auth/read-key";

describe("fromBinding in workerd", () => {
  it("reads the LAMBDA_API_KEY secret binding", async () => {
    const provider = fromBinding(env);
    expect(provider.name).toBe("binding:LAMBDA_API_KEY");
    const key = await readKey(provider);
    expect(key).toBe(env.LAMBDA_API_KEY);
    expect(key.startsWith("lc-sentinel-")).toBe(true);
  });
});

describe("fromSecretsStore in workerd", () => {
  it("reads a seeded Secrets Store secret", async () => {
    using admin = adminSecretsStore(env.LAMBDA_API_KEY_STORE);
    const value = `lc-sentinel-${crypto.randomUUID()}`;
    await admin.create(value);
    expect(await readKey(fromSecretsStore(env.LAMBDA_API_KEY_STORE))).toBe(value);
  });
});

describe("worker entry", () => {
  it("sends the binding's key upstream", async () => {
    const response = await exports.default.fetch("https://worker.test/?provider=binding&tag=probe");
    expect(response.status).toBe(200);
    const seen = await (await fetch("https://upstream.test/__received/probe")).json();
    expect(seen).toEqual([`Bearer ${env.LAMBDA_API_KEY}`]);
  });
});
