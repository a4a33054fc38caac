// Key providers inside workerd, with real bindings: a secret binding (LAMBDA_API_KEY, set to a
// random key per run by vitest.config.ts) and a Secrets Store binding (LAMBDA_API_KEY_STORE,
// declared under secrets_store_secrets in wrangler.jsonc and seeded here with adminSecretsStore).
import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { fromBinding } from "../../src/auth/providers/binding";
import { chainKeys } from "../../src/auth/providers/chain";
import { fromEnv } from "../../src/auth/providers/env";
import { fromSecretsStore } from "../../src/auth/providers/secrets-store";
import { readKey } from "../../src/auth/read-key";
import { KeyProviderError } from "../../src/errors";
import { clearStore, receivedBy, seedStore, sentinel } from "./helpers";
import { secretNotFound } from "./secret-not-found";
import worker from "./worker";

afterEach(clearStore);

describe("fromBinding in workerd", () => {
  it("reads the LAMBDA_API_KEY secret binding", async () => {
    const provider = fromBinding(env);
    expect(provider.name).toBe("binding:LAMBDA_API_KEY");
    const key = await readKey(provider);
    expect(key).toBe(env.LAMBDA_API_KEY);
    expect(key.startsWith("lc-sentinel-")).toBe(true);
  });

  it("explains wrangler secret put / .dev.vars for a binding that does not exist", async () => {
    await expect(readKey(fromBinding(env, "NOT_A_BINDING"))).rejects.toThrow(
      "the Worker has no binding named NOT_A_BINDING. Set it with `wrangler secret put NOT_A_BINDING`",
    );
  });

  it("points a Secrets Store binding to fromSecretsStore", async () => {
    await expect(readKey(fromBinding(env, "LAMBDA_API_KEY_STORE"))).rejects.toThrow(
      "use fromSecretsStore(env.LAMBDA_API_KEY_STORE)",
    );
  });

  it("shows only its name in JSON.stringify and String()", () => {
    const provider = fromBinding(env);
    const texts = [JSON.stringify(provider), String(provider), JSON.stringify({ provider })];
    for (const text of texts) expect(text.includes(env.LAMBDA_API_KEY)).toBe(false);
    expect(JSON.stringify(provider)).toBe('{"name":"binding:LAMBDA_API_KEY"}');
  });
});

describe("fromSecretsStore in workerd", () => {
  it("reads a seeded Secrets Store secret", async () => {
    const value = sentinel();
    await seedStore(value);
    const provider = fromSecretsStore(env.LAMBDA_API_KEY_STORE);
    expect(provider.name).toBe("secrets-store");
    expect(await readKey(provider)).toBe(value);
  });

  it("keeps the cached key after a rotation until invalidate()", async () => {
    const first = sentinel();
    const second = sentinel();
    const store = await seedStore(first);
    const provider = fromSecretsStore(env.LAMBDA_API_KEY_STORE, { ttlMs: 60_000 });
    expect(await readKey(provider)).toBe(first);
    await store.rotate(second);
    expect(await env.LAMBDA_API_KEY_STORE.get()).toBe(second); // the store has the new key...
    expect(await readKey(provider)).toBe(first); // ...the provider still serves its cached one
    provider.invalidate();
    expect(await readKey(provider)).toBe(second);
  });

  it("shares one get() between 10 concurrent callers", async () => {
    const value = sentinel();
    await seedStore(value);
    let gets = 0;
    const counting = {
      get: () => {
        gets += 1;
        return env.LAMBDA_API_KEY_STORE.get();
      },
    };
    const provider = fromSecretsStore(counting);
    const keys = await Promise.all(Array.from({ length: 10 }, () => readKey(provider)));
    expect(new Set(keys)).toEqual(new Set([value]));
    expect(gets).toBe(1);
  });

  it("a missing secret gives a KeyProviderError that is not cached", async () => {
    let binding = secretNotFound();
    const provider = fromSecretsStore({ get: () => binding.get() });
    const error = await readKey(provider).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KeyProviderError);
    expect((error as Error).message).toContain(
      "API key provider secrets-store: the Secrets Store binding's get() failed",
    );
    const value = sentinel();
    await seedStore(value);
    binding = env.LAMBDA_API_KEY_STORE;
    expect(await readKey(provider)).toBe(value);
  });
});

describe("chainKeys in workerd", () => {
  it("falls through fromEnv (no such variable) to the secret binding", async () => {
    const chain = chainKeys(fromEnv("LAMBDA_API_KEY_UNSET_IN_WORKERS"), fromBinding(env));
    expect(await readKey(chain)).toBe(env.LAMBDA_API_KEY);
  });
});

describe("the test Worker sends the provider's key upstream", () => {
  it("with fromBinding: Authorization: Bearer <secret binding>", async () => {
    const response = await exports.default.fetch("https://worker.test/?provider=binding&tag=worker-binding");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: [] });
    expect(await receivedBy("worker-binding")).toEqual([`Bearer ${env.LAMBDA_API_KEY}`]);
  });

  it("with fromSecretsStore: Authorization: Bearer <seeded secret>", async () => {
    const value = sentinel();
    await seedStore(value);
    const response = await exports.default.fetch("https://worker.test/?provider=store&tag=worker-store");
    expect(response.status).toBe(200);
    expect(await receivedBy("worker-store")).toEqual([`Bearer ${value}`]);
  });

  it("does not put the key in the error it returns when the store has no such secret", async () => {
    // As workerd would hand it over; the `cf` object is not used by the Worker.
    const request = new Request("https://worker.test/?provider=store&tag=worker-empty") as Request<
      unknown,
      IncomingRequestCfProperties
    >;
    const response = await worker.fetch(request, { ...env, LAMBDA_API_KEY_STORE: secretNotFound() });
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).toContain("secrets-store");
    expect(body.includes(env.LAMBDA_API_KEY)).toBe(false);
    expect(await receivedBy("worker-empty")).toEqual([]);
  });
});
