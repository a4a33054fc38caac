// The client's limiter and the simulator's limit, both on and both at their defaults, agree:
// concurrent calls are spaced as the API's limits say and none is refused. Fake timers drive the
// client's waits and the simulator's real clock alike (it reads Date.now()), so nothing sleeps.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LambdaCloudClient } from "../../src/index";
import { RATE_LIMITS } from "../../src/rate-limits";
import { createSimulator } from "../../src/testing/index";
import { BASE_URL, launchable } from "./helpers";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** The simulator with its rate limit on, a default client of it that never retries, and what each request got. */
function limitedPair() {
  const key = `lc-sentinel-${crypto.randomUUID()}`;
  const sim = createSimulator({ apiKeys: [key], rateLimit: true, clock: "real" });
  const start = Date.now();
  const answers: { atMs: number; status: number }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const atMs = Date.now() - start;
    const response = await sim.fetch(input, init);
    answers.push({ atMs, status: response.status });
    return response;
  };
  // maxRetries: 0, so that a 429 would surface as an error instead of being waited out.
  const client = new LambdaCloudClient({ apiKey: key, baseUrl: BASE_URL, fetch, maxRetries: 0 });
  return { sim, client, answers };
}

describe("the client's default limiter against the simulator's limit", () => {
  it("gets three concurrent calls through, one per second, with no 429", async () => {
    const { client, answers } = limitedPair();
    const calls = Promise.all([client.regions.list(), client.instanceTypes.list(), client.sshKeys.list()]);
    await vi.advanceTimersByTimeAsync(3 * RATE_LIMITS.request.intervalMs);
    const [regions] = await calls;
    expect(regions.length).toBeGreaterThan(0);
    expect(answers).toEqual([
      { atMs: 0, status: 200 },
      { atMs: 1_000, status: 200 },
      { atMs: 2_000, status: 200 },
    ]);
  });

  it("gets two concurrent launches and a read through, launches 12 s apart, with no 429", async () => {
    const { sim, client, answers } = limitedPair();
    const request = launchable(sim);
    const calls = Promise.all([
      client.instances.launch(request),
      client.instances.launch(request),
      client.instances.list(),
    ]);
    await vi.advanceTimersByTimeAsync(RATE_LIMITS.launch.intervalMs + RATE_LIMITS.request.intervalMs);
    await calls;
    expect(answers.map(({ status }) => status)).toEqual([200, 200, 200]);
    expect(answers.map(({ atMs }) => atMs).sort((a, b) => a - b)).toEqual([0, 1_000, 12_000]);
    expect(sim.state.instances()).toHaveLength(2);
  });
});
