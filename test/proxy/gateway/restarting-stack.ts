// What the restart suites share: the rate-limited simulator holding a sentinel key, and the two
// fronts of one gateway object in a `wrangler dev` session the suite can kill and start again,
// started before the suite's tests (with one SSH key added through front a) and stopped after.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect } from "vitest";
import {
  type RateLimitedSimulator,
  type RestartableFronts,
  restartableFronts,
  startRateLimitedSimulator,
} from "./stack";

/** A running stack, as a suite's tests reach it. */
export interface RestartingStack {
  /** The API key the simulator takes: a sentinel that must never appear in any output. */
  readonly key: string;
  /** The dashboard's bearer token, as the header that writes need. */
  readonly auth: { readonly authorization: string };
  readonly simulator: () => RateLimitedSimulator;
  /** A front's origin (with its prefix). */
  readonly front: (name: "a" | "b") => string;
  /** Kills the session and starts it again on the same port and storage. */
  readonly restart: () => Promise<void>;
  /** wrangler's output, while the session runs. */
  readonly output: () => string | undefined;
  /** How many launches the API has performed. */
  readonly launches: () => Promise<number>;
}

/**
 * Registers the suite's `beforeAll` (simulator, then `beforeStart`, then the session, then the SSH key
 * `sshKeyName`) and `afterAll`.
 */
export function useRestartingStack({
  sshKeyName,
  beforeStart,
}: {
  readonly sshKeyName: string;
  /** Steering the simulator before the session starts, e.g. setting capacity. */
  readonly beforeStart?: (simulator: RateLimitedSimulator) => Promise<unknown>;
}): RestartingStack {
  const key = `lc-sentinel-${randomUUID()}`;
  const token = randomBytes(32).toString("hex");
  const auth = { authorization: `Bearer ${token}` };
  let simulator: RateLimitedSimulator | undefined;
  let fronts: RestartableFronts | undefined;
  const running = <T>(part: T | undefined): T => {
    if (part === undefined) throw new Error("the stack is not running: use it inside the suite's tests");
    return part;
  };
  const stack: RestartingStack = {
    key,
    auth,
    simulator: () => running(simulator),
    front: (name) => running(fronts).front(name),
    restart: () => running(fronts).restart(),
    output: () => fronts?.output(),
    launches: async () => (await running(simulator).traffic()).by_operation.launchInstance ?? 0,
  };

  beforeAll(async () => {
    simulator = await startRateLimitedSimulator(key);
    fronts = await restartableFronts({ upstream: simulator.url, key, dashboardToken: token });
    await beforeStart?.(simulator);
    await fronts.start();
    const added = await fetch(`${stack.front("a")}/api/v1/ssh-keys`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json", "idempotency-key": randomUUID() },
      body: JSON.stringify({ name: sshKeyName }),
    });
    expect(added.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await fronts?.stop();
    await simulator?.stop();
  }, 30_000);

  return stack;
}
