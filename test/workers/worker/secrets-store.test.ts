// The key from a Secrets Store binding (LAMBDA_API_KEY_STORE, as [[secrets_store_secrets]]
// declares it), seeded with adminSecretsStore(): preferred over the LAMBDA_API_KEY secret, sent
// upstream, never shown; a missing secret is a 503 proxy/key-unavailable.
import { adminSecretsStore } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { secretNotFound } from "../secret-not-found";
import { callWithEnv, envWith, errorCodeOf, everythingIn, upstreamReceived, withToken } from "./helpers";

async function emptyStore(): Promise<void> {
  using admin = adminSecretsStore(env.TEST_KEY_STORE);
  for (const secret of await admin.list()) if (secret.metadata?.uuid) await admin.delete(secret.metadata.uuid);
}

afterEach(emptyStore);

describe("a Secrets Store binding", () => {
  it("supplies the key sent upstream, in preference to LAMBDA_API_KEY", async () => {
    const storedKey = `lc-sentinel-${crypto.randomUUID()}`;
    {
      using admin = adminSecretsStore(env.TEST_KEY_STORE);
      await admin.create(storedKey);
    }
    const withStore = envWith({ LAMBDA_API_KEY_STORE: env.TEST_KEY_STORE });
    await upstreamReceived();
    const response = await callWithEnv(withStore, "/api/v1/instances", { headers: withToken() });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-lambda-cloud-upstream")).toBe("api");
    expect(await everythingIn(response)).not.toContain(storedKey);
    const [sent] = await upstreamReceived();
    expect(sent?.headers.authorization).toBe(`Bearer ${storedKey}`);
  });

  it("answers 503 proxy/key-unavailable while the store holds no such secret", async () => {
    const withStore = envWith({ LAMBDA_API_KEY_STORE: secretNotFound() });
    const response = await callWithEnv(withStore, "/api/v1/instances", { headers: withToken() });
    expect(response.status).toBe(503);
    expect(await errorCodeOf(response)).toBe("proxy/key-unavailable");
    expect(await upstreamReceived()).toEqual([]);
  });
});
