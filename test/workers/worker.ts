// A tiny Worker for the workerd tests: GET /?provider=binding|store reads the key with that
// provider and calls the upstream's /api/v1/instances with it, as a client would.

import type { KeyProvider } from "../../src/auth/key-provider";
import { fromBinding } from "../../src/auth/providers/binding";
import { fromSecretsStore } from "../../src/auth/providers/secrets-store";
import { readKey } from "../../src/auth/read-key";

export const UPSTREAM = "https://upstream.test";

function providerFor(kind: string | null, env: Env): KeyProvider | undefined {
  if (kind === "binding") return fromBinding(env);
  if (kind === "store") return fromSecretsStore(env.LAMBDA_API_KEY_STORE, { ttlMs: 0 });
  return undefined;
}

export default {
  async fetch(request, env): Promise<Response> {
    const url = new URL(request.url);
    const provider = providerFor(url.searchParams.get("provider"), env);
    if (!provider) return new Response("unknown provider", { status: 400 });
    let key: string;
    try {
      key = await readKey(provider, { signal: request.signal });
    } catch (error) {
      return Response.json({ error: (error as Error).message }, { status: 500 });
    }
    const tag = url.searchParams.get("tag") ?? "worker";
    return fetch(`${UPSTREAM}/${tag}/api/v1/instances`, { headers: { authorization: `Bearer ${key}` } });
  },
} satisfies ExportedHandler<Env>;
