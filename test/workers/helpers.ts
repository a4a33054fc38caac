// Shared by the workerd tests: seeding the Secrets Store binding and reading what the mock
// upstream (test/workers/vitest.config.ts) received.
import { adminSecretsStore } from "cloudflare:test";
import { env } from "cloudflare:workers";

/** A fresh random key: tests search outputs for it. */
export const sentinel = (): string => `lc-sentinel-${crypto.randomUUID()}`;

/** Empties the test store (LAMBDA_API_KEY_STORE), so each test seeds its own value. */
export async function clearStore(): Promise<void> {
  using admin = adminSecretsStore(env.LAMBDA_API_KEY_STORE);
  for (const secret of await admin.list()) {
    if (secret.metadata?.uuid) await admin.delete(secret.metadata.uuid);
  }
}

/** Seeds the store's secret with `value`; returns a function that rotates it. */
export async function seedStore(value: string): Promise<{ rotate(next: string): Promise<void> }> {
  await clearStore();
  using admin = adminSecretsStore(env.LAMBDA_API_KEY_STORE);
  const id = await admin.create(value);
  return {
    async rotate(next: string) {
      using rotating = adminSecretsStore(env.LAMBDA_API_KEY_STORE);
      await rotating.update(next, id);
    },
  };
}

/** The Authorization headers the mock upstream received for `tag`, oldest first. */
export async function receivedBy(tag: string): Promise<string[]> {
  return (await fetch(`https://upstream.test/__received/${tag}`)).json();
}

/** Makes the mock upstream answer 401 for `tag` unless the Authorization header is exactly `authorization`. */
export async function acceptOnly(tag: string, authorization: string): Promise<void> {
  await fetch(`https://upstream.test/__accept/${tag}`, { method: "PUT", body: authorization });
}

/** A tag unique to this call, for the upstream URL. */
export const uniqueTag = (label: string): string => `${label}-${crypto.randomUUID().slice(0, 8)}`;
