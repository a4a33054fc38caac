// The [[ratelimits]] binding: with RATE_LIMITER bound, each caller (here the dashboard token's
// identity) gets its limit, then 429 proxy/rate-limited with Retry-After, and nothing is forwarded.
// The test swaps in TINY_RATE_LIMITER (3 per minute) so as not to exhaust wrangler.toml's 120.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { accessJwt } from "./access-jwt";
import { callWithEnv, envWith, errorCodeOf, upstreamReceived, withToken } from "./helpers";

describe("the rate-limit binding", () => {
  it("answers 429 proxy/rate-limited with Retry-After once a caller is over the limit", async () => {
    const limited = envWith({ RATE_LIMITER: env.TINY_RATE_LIMITER });
    await upstreamReceived();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push((await callWithEnv(limited, "/api/v1/instances", { headers: withToken() })).status);
    }
    expect(statuses).toEqual([200, 200, 200]);
    const over = await callWithEnv(limited, "/api/v1/instances", { headers: withToken() });
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await errorCodeOf(over)).toBe("proxy/rate-limited");
    expect(await upstreamReceived()).toHaveLength(3);

    // Another caller (an Access identity) has a budget of its own.
    const other = await callWithEnv(limited, "/api/v1/instances", {
      headers: { "cf-access-jwt-assertion": await accessJwt({ email: "someone-else@example.com" }) },
    });
    expect(other.status).toBe(200);
    await upstreamReceived();
  });

  it("is not applied when the binding is absent", async () => {
    const unlimited = envWith({ RATE_LIMITER: undefined });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await callWithEnv(unlimited, "/api/v1/ssh-keys", { headers: withToken() })).status).toBe(200);
    }
    expect(await upstreamReceived()).toHaveLength(5);
  });
});
