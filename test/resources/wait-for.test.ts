import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NotFoundError, WaitForStatusError } from "../../src/index.js";
import { apiError, clientFor, createMockApi, ok } from "../helpers/mock-api.js";
import { INSTANCE_ID, instance } from "../helpers/payloads.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** An API whose instance goes through the given statuses, one per poll (a string answers 404 when "gone"). */
function statuses(...sequence: string[]) {
  return createMockApi((_request, attempt) => {
    const status = sequence[Math.min(attempt, sequence.length) - 1] as string;
    return status === "gone" ? apiError(404, "global/object-does-not-exist") : ok({ ...instance, status });
  });
}

describe("instances.waitFor", () => {
  it("polls every intervalMs until the instance is active, reporting each poll", async () => {
    const api = statuses("booting", "booting", "active");
    const seen: string[] = [];
    const waiting = clientFor(api).instances.waitFor(INSTANCE_ID, {
      intervalMs: 5_000,
      onPoll: (i) => seen.push(i.status),
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(api.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5_001);
    await expect(waiting).resolves.toMatchObject({ id: INSTANCE_ID, status: "active" });
    expect(seen).toEqual(["booting", "booting", "active"]);
  });

  for (const stuck of ["terminated", "preempted", "unhealthy"]) {
    it(`fails at once when the instance becomes ${stuck} while waiting for active`, async () => {
      const api = statuses("booting", stuck);
      const waiting = clientFor(api)
        .instances.waitFor(INSTANCE_ID, { intervalMs: 1_000 })
        .catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(1_000);
      const error = (await waiting) as WaitForStatusError;
      expect(error).toBeInstanceOf(WaitForStatusError);
      expect(error).toMatchObject({ instanceId: INSTANCE_ID, expected: "active", lastStatus: stuck });
      expect(error.message).toContain(`it is ${stuck}`);
    });
  }

  it("fails with the last status seen when the timeout passes", async () => {
    const api = statuses("booting");
    const waiting = clientFor(api)
      .instances.waitFor(INSTANCE_ID, { intervalMs: 1_000, timeoutMs: 3_500 })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(4_000);
    const error = (await waiting) as WaitForStatusError;
    expect(error).toBeInstanceOf(WaitForStatusError);
    expect(error.lastStatus).toBe("booting");
    expect(error.message).toContain("after 3500 ms");
    expect(api.requests).toHaveLength(5);
  });

  it("treats an instance that disappears as terminated when waiting for terminated", async () => {
    const api = statuses("terminating", "gone");
    const waiting = clientFor(api).instances.waitFor(INSTANCE_ID, { status: "terminated", intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(waiting).resolves.toMatchObject({ id: INSTANCE_ID, status: "terminated" });
  });

  it("counts an instance passed in, rather than its id, as seen: gone at the first poll means terminated", async () => {
    const api = statuses("gone");
    const terminating = { ...instance, status: "terminating" };
    await expect(clientFor(api).instances.waitFor(terminating, { status: "terminated" })).resolves.toMatchObject({
      id: INSTANCE_ID,
      status: "terminated",
    });
    await expect(
      clientFor(statuses("gone")).instances.waitFor(INSTANCE_ID, { status: "terminated" }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lets a 404 through when waiting for active", async () => {
    const api = statuses("gone");
    await expect(clientFor(api).instances.waitFor(INSTANCE_ID)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("stops waiting at once when the signal aborts", async () => {
    const api = statuses("booting");
    const controller = new AbortController();
    const waiting = clientFor(api)
      .instances.waitFor(INSTANCE_ID, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(((await waiting) as Error).name).toBe("AbortError");
    expect(vi.getTimerCount()).toBe(0);
  });
});
