/**
 * One run of a capacity watch: the state machine. A `watching` watch polls the instance types,
 * ranks what has capacity (`rankCandidates`, shared with `launchWhenAvailable`) and launches the
 * best candidate, tagged with a fresh idempotency token, after recording the launch as
 * `launching`. A launch answered "insufficient capacity" or refused before it was performed goes
 * back to `watching`; one whose outcome is unknown (a dropped connection, a 5xx, or a restart of
 * the object mid-launch, which leaves the stored state `launching`) is looked for by its tag
 * until the reconciliation window ends, and never sent again. Every call goes through the
 * gateway (its admission, cache and serialized launches), so a watch shares the key's budget.
 */
import { ErrorCodes } from "../../error-codes.js";
import { rankCandidates } from "../../resources/candidates.js";
import { IDEMPOTENCY_TAG_KEY, newIdempotencyToken, taggedWith } from "../../resources/idempotency.js";
import type { InstanceTypes } from "../../schemas/instance-types.js";
import type { Instance } from "../../schemas/instances.js";
import { errorCodeOf } from "./answer.js";
import type { StoredAnswer } from "./store.js";
import { preferencesOf, type Watch, type WatchLaunch } from "./watch.js";

/** An answer of the gateway, as a watch reads it. */
export type WatchAnswer = Pick<StoredAnswer, "status" | "body">;

/** The reads a watch makes. */
export type WatchRead = "listInstanceTypes" | "listInstances" | "listSSHKeys";

/** What a run needs: the gateway's calls with the key, the clock, the timings and how to save. */
export interface WatchRun {
  /** `GET /instance-types`, `GET /instances` or `GET /ssh-keys` through the gateway. */
  read(operation: WatchRead): Promise<WatchAnswer>;
  /** `POST /instance-operations/launch` through the gateway, with an `Idempotency-Key`. */
  launch(body: unknown, idempotencyKey: string): Promise<WatchAnswer>;
  readonly now: () => number;
  /** Milliseconds between polls of availability. */
  readonly pollIntervalMs: number;
  /** How long a launch with an unknown outcome is looked for by its tag. */
  readonly reconcileMs: number;
  /** Saves the watch unless it was cancelled meanwhile; `false` when it was (nothing is saved then). */
  save(watch: Watch): Promise<boolean>;
}

/** Milliseconds between looks for a launch's tag while reconciling. */
const RECONCILE_INTERVAL_MS = 5_000;

/** Runs a due watch once and returns what it became (saved by the caller). */
export async function stepWatch(watch: Watch, run: WatchRun): Promise<Watch> {
  if (watch.state === "launching" && watch.launch !== null) return reconcile(watch, watch.launch, run);
  if (watch.state !== "watching") return watch;
  const now = run.now();
  if (now >= Date.parse(watch.give_up_at)) {
    return {
      ...watch,
      state: "gave-up",
      error: `No capacity matched within ${watch.spec.give_up_after_minutes} minutes.`,
    };
  }
  const answer = await run.read("listInstanceTypes");
  // Counted from the answer, so that the next poll finds the shared cache's copy stale, not fresh.
  const next = { ...watch, next_run_at: run.now() + run.pollIntervalMs };
  if (answer.status !== 200) return refusedOrTransient(next, answer, "reading the instance types");
  const catalog = (JSON.parse(answer.body) as { data: InstanceTypes }).data;
  // The API lists every type it offers, with capacity or not: a name it does not list is a typo, and would never be found.
  const unknown = watch.spec.instance_types.filter((type) => !Object.hasOwn(catalog, type));
  if (unknown.length > 0)
    return {
      ...next,
      state: "failed",
      error: `The API offers no instance type named ${unknown.join(", ")}; check the names in the instance types panel.`,
    };
  const ranked = rankCandidates(catalog, preferencesOf(watch.spec));
  const polled: Watch = {
    ...next,
    polls: watch.polls + 1,
    last_poll_at: new Date(now).toISOString(),
    last_seen: ranked
      .slice(0, 5)
      .map(({ type, region, priceCentsPerHour }) => ({ type, region, price_cents_per_hour: priceCentsPerHour })),
    error: null,
  };
  const best = ranked[0];
  if (best === undefined) return polled;
  return launch(
    polled,
    {
      token: newIdempotencyToken(),
      type: best.type,
      region: best.region,
      sent_at: new Date(now).toISOString(),
      reconcile_until: null,
    },
    run,
  );
}

async function launch(watch: Watch, launch: WatchLaunch, run: WatchRun): Promise<Watch> {
  const launching: Watch = { ...watch, state: "launching", launch };
  // Recorded before it is sent: a restart from here on finds `launching` and looks for the tag.
  if (!(await run.save(launching))) return watch;
  const { spec } = watch;
  const body = {
    region_name: launch.region,
    instance_type_name: launch.type,
    ssh_key_names: [spec.ssh_key_name],
    ...(spec.name === null ? {} : { name: spec.name }),
    tags: [{ key: IDEMPOTENCY_TAG_KEY, value: launch.token }],
  };
  const answer = await run.launch(body, `watch:${watch.id}:${launch.token}`);
  const code = errorCodeOf(answer);
  if (answer.status === 200) {
    const id = (JSON.parse(answer.body) as { data?: { instance_ids?: string[] } }).data?.instance_ids?.[0] ?? null;
    return { ...launching, state: "launched", instance_id: id, error: null };
  }
  if (code === ErrorCodes.insufficientCapacity)
    return {
      ...watch,
      races_lost: watch.races_lost + 1,
      error: `Someone else got ${launch.type} in ${launch.region} first.`,
    };
  if (answer.status === 429 || code === "proxy/gateway-busy")
    return { ...watch, error: "The launch waited too long for the key's budget and was not sent; trying again." };
  if (answer.status >= 500)
    return reconcile(
      { ...launching, launch: { ...launch, reconcile_until: run.now() + run.reconcileMs } },
      launching.launch as WatchLaunch,
      run,
    );
  return {
    ...watch,
    state: "failed",
    error: `The launch was refused (${answer.status}${code === undefined ? "" : ` ${code}`}): ${messageIn(answer)}`,
  };
}

/**
 * Looks for the launch's tag among the instances: found, the watch is `launched`; not found, it
 * looks again until the window ends, then fails, saying which tag to look for. Never re-sends.
 */
async function reconcile(watch: Watch, launch: WatchLaunch, run: WatchRun): Promise<Watch> {
  const now = run.now();
  // A restart found the launch in flight: the window starts now.
  const until = launch.reconcile_until ?? now + run.reconcileMs;
  const waiting: Watch = {
    ...watch,
    launch: { ...launch, reconcile_until: until },
    next_run_at: now + RECONCILE_INTERVAL_MS,
  };
  const answer = await run.read("listInstances");
  const [found] =
    answer.status === 200 ? taggedWith((JSON.parse(answer.body) as { data: Instance[] }).data, launch.token) : [];
  if (found !== undefined) return { ...waiting, state: "launched", instance_id: found.id, error: null };
  if (now >= until) {
    return {
      ...waiting,
      state: "failed",
      error: `The launch's outcome is unknown and no instance carries its tag ${IDEMPOTENCY_TAG_KEY}=${launch.token}; it was not sent again. Check your instances before starting another watch.`,
    };
  }
  return answer.status === 200
    ? { ...waiting, error: "The launch's answer was lost; looking for its tag." }
    : refusedOrTransient(waiting, answer, "looking for the launch's tag");
}

/** A read that failed: a refused key ends the watch; anything else is tried again at the next run. */
function refusedOrTransient(watch: Watch, answer: WatchAnswer, doing: string): Watch {
  const problem = `${doing} was answered ${answer.status}${errorCodeOf(answer) === undefined ? "" : ` ${errorCodeOf(answer)}`}: ${messageIn(answer)}`;
  if ((answer.status === 401 || answer.status === 403) && watch.state === "watching")
    return { ...watch, state: "failed", error: `The API refused the key; ${problem}` };
  return { ...watch, error: `${problem}; trying again.` };
}

function messageIn(answer: WatchAnswer): string {
  try {
    const message = (JSON.parse(answer.body) as { error?: { message?: unknown } } | null)?.error?.message;
    return typeof message === "string" ? message : "no message";
  } catch {
    return "no message";
  }
}
