/**
 * The Worker's gateway: one Durable Object per key (`LambdaGateway`, bound as `LAMBDA_GATEWAY`)
 * admits every API call of the key across all isolates, shares one cache and one live feed among
 * all viewers, makes writes idempotent and keeps the audit trail. In simulator mode the simulator
 * lives inside the object too, so every isolate sees the same simulated account. A gateway Worker
 * of its own (the class exported by another Worker, bound with `script_name`) must have the same
 * `UPSTREAM` as its front Workers.
 */

import { readKey } from "lambda-cloud";
import { createGatewayEngine, type Gateway, memoryStore } from "lambda-cloud/proxy";
import { defineGatewayObject, durableObjectGateway } from "lambda-cloud/proxy/durable-object";
import type { Env } from "./env.js";
import { keyFor } from "./key.js";
import { bootMsFrom, demoSimulator, SIMULATOR_BASE_URL, SIMULATOR_PLACEHOLDER_KEY } from "./simulator.js";
import { type Upstream, upstreamFrom } from "./upstream.js";

/**
 * The object's limits: a little under the API's. The API documents "about 1 request per second"
 * (the simulator's `--rate-limit` enforces exactly one), and calls sent a second apart can arrive
 * closer than that on a busy network or machine; a gateway shared by a whole team spaces its
 * calls by 1.25 s rather than risk a refusal for everyone.
 */
const LIMITS = { requestsPerSecond: 0.8 } as const;

/**
 * The gateway Durable Object class; index.ts exports it and wrangler.toml declares it. Capacity
 * watches run on the object's alarms, with no request to bring the key: the object reads it from
 * its own env, the same secret (or Secrets Store binding, or placeholder) the front Workers send.
 * With the `WATCH_WEBHOOK_URL` secret, a watch that launches, gives up or fails is posted there.
 */
export const LambdaGateway = defineGatewayObject(
  (env: Env, key: string) => {
    // The front Workers chose the same way: the placeholder key means no key is configured.
    const upstream = upstreamFrom(env, key !== SIMULATOR_PLACEHOLDER_KEY);
    if (upstream.kind === "api") return { upstream: upstream.url, limits: LIMITS };
    return { upstream: SIMULATOR_BASE_URL, fetch: demoSimulator(key, bootMsFrom(env)).fetch, limits: LIMITS };
  },
  {
    watchKey: (env: Env) => readKey(keyFor(env).provider),
    watchWebhook: (env: Env) => env.WATCH_WEBHOOK_URL || undefined,
  },
);

/**
 * The gateway the proxy hands checked requests to: the key's object when `LAMBDA_GATEWAY` is
 * bound, else none (the proxy forwards each request itself). While the object cannot be reached,
 * reads of the real API fall back to a gateway in this isolate; writes are answered 503.
 */
export function gatewayFor(env: Env, upstream: Upstream): Gateway | undefined {
  if (!env.LAMBDA_GATEWAY) return undefined;
  const fallback =
    upstream.kind === "api"
      ? createGatewayEngine({ upstream: upstream.url, store: memoryStore(), limits: LIMITS })
      : undefined;
  return durableObjectGateway(env.LAMBDA_GATEWAY, { fallback });
}
