// LambdaCloudClient inside workerd with each key provider: instances.list() goes through the
// runner's outboundService to the mock upstream (test/workers/vitest.config.ts), which records
// the Authorization header it received.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import type { ApiKeySource } from "../../src/auth/key-provider";
import { fromBinding } from "../../src/auth/providers/binding";
import { chainKeys } from "../../src/auth/providers/chain";
import { fromEnv } from "../../src/auth/providers/env";
import { inMemoryKey } from "../../src/auth/providers/in-memory";
import { fromSecretsStore } from "../../src/auth/providers/secrets-store";
import { LambdaCloudClient } from "../../src/client";
import { AuthenticationError, KeyProviderError } from "../../src/errors";
import { acceptOnly, clearStore, receivedBy, seedStore, sentinel, uniqueTag } from "./helpers";
import { secretNotFound } from "./secret-not-found";

afterEach(clearStore);

function clientFor(tag: string, apiKey: ApiKeySource, extra: { authScheme?: "bearer" | "basic" } = {}) {
  return new LambdaCloudClient({ apiKey, baseUrl: `https://upstream.test/${tag}/api/v1`, rateLimit: false, ...extra });
}

describe("LambdaCloudClient in workerd sends Authorization: Bearer <key> from", () => {
  it("fromBinding(env): the secret binding", async () => {
    const tag = uniqueTag("client-binding");
    await expect(clientFor(tag, fromBinding(env)).instances.list()).resolves.toEqual([]);
    expect(await receivedBy(tag)).toEqual([`Bearer ${env.LAMBDA_API_KEY}`]);
  });

  it("fromSecretsStore(env.LAMBDA_API_KEY_STORE): the seeded secret", async () => {
    const tag = uniqueTag("client-store");
    const value = sentinel();
    await seedStore(value);
    const client = clientFor(tag, fromSecretsStore(env.LAMBDA_API_KEY_STORE));
    await expect(client.instances.list()).resolves.toEqual([]);
    await expect(client.instances.list()).resolves.toEqual([]);
    expect(await receivedBy(tag)).toEqual([`Bearer ${value}`, `Bearer ${value}`]);
  });

  it("chainKeys(fromEnv(), fromBinding(env)): the binding, since workerd has no such variable", async () => {
    const tag = uniqueTag("client-chain");
    const client = clientFor(tag, chainKeys(fromEnv("LAMBDA_API_KEY_NOT_IN_WORKERS"), fromBinding(env)));
    await client.instances.list();
    expect(await receivedBy(tag)).toEqual([`Bearer ${env.LAMBDA_API_KEY}`]);
  });

  it("a plain string and a function", async () => {
    const key = sentinel();
    const tagString = uniqueTag("client-string");
    const tagFunction = uniqueTag("client-function");
    await clientFor(tagString, key).instances.list();
    await clientFor(tagFunction, async () => key).instances.list();
    expect(await receivedBy(tagString)).toEqual([`Bearer ${key}`]);
    expect(await receivedBy(tagFunction)).toEqual([`Bearer ${key}`]);
  });
});

describe("LambdaCloudClient in workerd: rotation and failures", () => {
  it("a key rotated in the Secrets Store is picked up after one 401 (invalidate, then one retry)", async () => {
    const tag = uniqueTag("client-rotate");
    const oldKey = sentinel();
    const newKey = sentinel();
    const store = await seedStore(oldKey);
    const client = clientFor(tag, fromSecretsStore(env.LAMBDA_API_KEY_STORE, { ttlMs: 60_000 }));
    await client.instances.list(); // caches oldKey
    await store.rotate(newKey);
    await acceptOnly(tag, `Bearer ${newKey}`);
    await expect(client.instances.list()).resolves.toEqual([]);
    expect(await receivedBy(tag)).toEqual([`Bearer ${oldKey}`, `Bearer ${oldKey}`, `Bearer ${newKey}`]);
  });

  it("a 401 for a key the provider cannot refresh throws AuthenticationError naming the provider, without resending or showing the key", async () => {
    const tag = uniqueTag("client-double-401");
    const key = sentinel();
    await acceptOnly(tag, "Bearer some-other-key");
    const error = await clientFor(tag, fromBinding({ LAMBDA_API_KEY: key }))
      .instances.list()
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.message).toContain("binding:LAMBDA_API_KEY");
    expect(String(error?.message).includes(key)).toBe(false);
    expect(String(error?.stack).includes(key)).toBe(false);
    expect(await receivedBy(tag)).toEqual([`Bearer ${key}`]);
  });

  it("a Secrets Store without the secret gives a KeyProviderError and sends nothing", async () => {
    const tag = uniqueTag("client-empty-store");
    const error = await clientFor(tag, fromSecretsStore(secretNotFound()))
      .instances.list()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(KeyProviderError);
    expect(await receivedBy(tag)).toEqual([]);
  });

  it("Basic auth sends base64(key:)", async () => {
    const tag = uniqueTag("client-basic");
    const key = sentinel();
    await clientFor(tag, inMemoryKey(key), { authScheme: "basic" }).instances.list();
    expect(await receivedBy(tag)).toEqual([`Basic ${btoa(`${key}:`)}`]);
  });

  it("JSON.stringify(client) and String(provider) do not contain the key", () => {
    const client = clientFor("redaction", fromBinding(env));
    expect(JSON.stringify(client).includes(env.LAMBDA_API_KEY)).toBe(false);
    expect(JSON.stringify(client)).toContain("binding:LAMBDA_API_KEY");
  });
});
