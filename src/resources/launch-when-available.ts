/**
 * `instances.launchWhenAvailable`: poll the instance types, launch the best preferred (type, region)
 * that has capacity, keep going after a lost race, and stop at the first success, with one
 * idempotency token per call so that it never leaves more than one instance.
 */
import {
  APIConnectionError,
  APIError,
  InsufficientCapacityError,
  LaunchOutcomeUnknownError,
  LaunchWhenAvailableError,
  RateLimitError,
  RequestValidationError,
  type ValidationProblem,
} from "../errors.js";
import { sleep } from "../internal/sleep.js";
import { RATE_LIMITS } from "../rate-limits.js";
import type { InstanceTypes as InstanceTypesRecord } from "../schemas/instance-types.js";
import { type Instance, type InstanceLaunchRequest, InstanceLaunchRequestSchema } from "../schemas/instances.js";
import type { RequestOptions } from "../transport/transport.js";
import { validate } from "../validation.js";
import type { Availability } from "./availability.js";
import { checkPreferences, type RegionPreference, rankCandidates, type TypePreference } from "./candidates.js";
import { withIdempotencyTag } from "./idempotency.js";
import type { InstancesClient, WaitForOptions } from "./instances.js";

const OPERATION = "instances.launchWhenAvailable";

/** The longest pause between polls while polls keep failing (each failure doubles the pause, up to this or `pollIntervalMs`). */
export const MAX_POLL_INTERVAL_MS = 60_000;

/** A launch request whose type and region may each be several, in order of preference. */
export interface LaunchWhenAvailableRequest extends Omit<InstanceLaunchRequest, "instance_type_name" | "region_name"> {
  /** One type name, names in order of preference, or a filter such as `{ gpu: "H100" }` (then cheapest first). */
  readonly instance_type_name: TypePreference;
  /** One region name, names in order of preference, or `"any"` (then cheapest first). @default "any" */
  readonly region_name?: RegionPreference | undefined;
}

/** Progress of {@link InstancesClient.launchWhenAvailable}, one event per step. */
export type LaunchWhenAvailableEvent =
  /** A look at the instance types: the preferred pairs with capacity, best first; `nextPollMs` when none (the pause before the next look). */
  | {
      readonly type: "poll";
      readonly poll: number;
      readonly candidates: readonly Availability[];
      readonly nextPollMs?: number;
    }
  /** A look failed for a reason that may pass (connection, 5xx, 429); the next waits `nextPollMs`. */
  | { readonly type: "poll-failed"; readonly poll: number; readonly error: Error; readonly nextPollMs: number }
  /** A launch is sent for this candidate. */
  | { readonly type: "attempt"; readonly attempt: number; readonly candidate: Availability }
  /** Someone was faster: the API answered insufficient capacity (or 429); the search goes on. */
  | { readonly type: "capacity-race"; readonly attempt: number; readonly candidate: Availability }
  /** The launch's answer was lost and its reconciliation found nothing yet; the next attempt checks the token first. */
  | {
      readonly type: "outcome-unknown";
      readonly attempt: number;
      readonly candidate: Availability;
      readonly token: string;
    }
  /** An instance exists: launched now, or found by the token of an earlier attempt. */
  | { readonly type: "launched"; readonly instanceId: string; readonly candidate: Availability }
  /** With `waitUntilActive`: the instance's status changed. */
  | { readonly type: "status"; readonly instance: Instance };

/** Options of {@link InstancesClient.launchWhenAvailable}. */
export interface LaunchWhenAvailableOptions {
  /**
   * Stops at any point. A launch in flight is never cut off: its answer (or its reconciliation)
   * comes first, then the call rejects with a `LaunchWhenAvailableError` whose `instanceId` says
   * whether an instance exists. Also stops `waitUntilActive`.
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * Give up looking after this many milliseconds (`LaunchWhenAvailableError`, reason `"timeout"`); `Infinity` is no limit.
   * A launch already sent still counts: if it succeeds, the call returns its instance.
   * @default no limit
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Pause between looks at the instance types. A look that took W ms more than one request slot (1 s)
   * queued behind other calls in the client's rate limiter, and makes the next pause W ms longer; failing looks double it,
   * up to {@link MAX_POLL_INTERVAL_MS}. After a launch attempt the next look comes when the next
   * launch may go (12 s), so that it launches on fresh data.
   * @default 5_000 (12 of the 60 requests a minute allows)
   */
  readonly pollIntervalMs?: number | undefined;
  /** The highest price in US cents per hour, inclusive (with a type filter, the lower of the two caps). @default no limit */
  readonly maxPriceCentsPerHour?: number | undefined;
  /** Then wait for `active` with `instances.waitFor` (`true`, or its `timeoutMs` and `intervalMs`). @default false */
  readonly waitUntilActive?: boolean | Pick<WaitForOptions, "timeoutMs" | "intervalMs"> | undefined;
  /**
   * Called with each step's {@link LaunchWhenAvailableEvent}, e.g. to show progress. An exception
   * it throws is ignored, so that a failing progress display never loses a launch.
   */
  readonly onEvent?: ((event: LaunchWhenAvailableEvent) => void) | undefined;
  /** The idempotency token of every attempt of this call. @default a fresh random token */
  readonly idempotencyToken?: string | undefined;
}

/** Counts of one call. */
export interface LaunchWhenAvailableSummary {
  /** Looks at the instance types, failed ones included. */
  readonly polls: number;
  /** Launches sent. */
  readonly attempts: number;
  /** Attempts that lost a capacity race. */
  readonly races: number;
  /** Milliseconds from the call to the launch. */
  readonly waitedMs: number;
  /** The idempotency token the instance carries. */
  readonly token: string;
}

/** What {@link InstancesClient.launchWhenAvailable} resolves with. */
export interface LaunchWhenAvailableResult {
  /** The instance (as `waitFor` left it with `waitUntilActive`; just launched otherwise). */
  readonly instance: Instance;
  /** What the call did: polls, launch attempts, races lost, time waited and its token. */
  readonly summary: LaunchWhenAvailableSummary;
}

/** What the loop needs from the client. */
export interface LaunchWhenAvailableDeps {
  readonly instances: Pick<InstancesClient, "launch" | "get" | "waitFor" | "findByIdempotencyToken">;
  readonly listInstanceTypes: (options: RequestOptions) => Promise<InstanceTypesRecord>;
}

/** The longest delay a timer can hold (about 24.8 days); a longer one would fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;
const MS = `must be 0 to ${MAX_DELAY_MS} ms`;
const isDelay = (ms: number) => ms >= 0 && ms <= MAX_DELAY_MS;

/** A failure of a look at the instance types that the next look may not meet. */
function passing(error: unknown): error is Error {
  return (
    error instanceof APIConnectionError || (error instanceof APIError && (error.status >= 500 || error.status === 429))
  );
}

/** Checks everything before anything is sent, returning the preferences and the tagged request. */
function check(request: LaunchWhenAvailableRequest, options: LaunchWhenAvailableOptions) {
  const { instance_type_name: types, region_name: regions, ...rest } = request;
  const preferences = checkPreferences(
    { types, regions, maxPriceCentsPerHour: options.maxPriceCentsPerHour },
    { operation: OPERATION, types: "instance_type_name", regions: "region_name" },
  );
  const { timeoutMs, pollIntervalMs } = options;
  const problems: ValidationProblem[] = [];
  if (!(timeoutMs === undefined || timeoutMs === Infinity || isDelay(timeoutMs)))
    problems.push({ path: "timeoutMs", message: MS });
  if (!(pollIntervalMs === undefined || isDelay(pollIntervalMs)))
    problems.push({ path: "pollIntervalMs", message: MS });
  const tagged = withIdempotencyTag(rest as InstanceLaunchRequest, options.idempotencyToken);
  // The rest of the body is checked now, not when capacity appears hours later; the names are checked above.
  const body = validate(InstanceLaunchRequestSchema, { ...tagged.request, instance_type_name: "t", region_name: "r" });
  if (!body.ok) problems.push(...body.problems);
  if (problems.length > 0) throw new RequestValidationError(OPERATION, problems);
  return { preferences, request: tagged.request, token: tagged.token as string };
}

/** The loop behind {@link InstancesClient.launchWhenAvailable}. */
export async function launchWhenAvailable(
  deps: LaunchWhenAvailableDeps,
  request: LaunchWhenAvailableRequest,
  options: LaunchWhenAvailableOptions = {},
): Promise<LaunchWhenAvailableResult> {
  const { signal, timeoutMs, pollIntervalMs = 5_000, waitUntilActive = false, onEvent } = options;
  const emit = (event: LaunchWhenAvailableEvent) => {
    try {
      onEvent?.(event);
    } catch {
      // The caller's display failed; the search, and any launch it made, go on.
    }
  };
  const { instances } = deps;
  const { preferences, request: body, token } = check(request, options);
  const started = Date.now();
  const counts = { polls: 0, attempts: 0, races: 0 };
  // The last attempt whose outcome is unknown: before another, or when stopped, the token is looked up.
  let earlier: Availability | undefined;

  // One signal stops looking: the caller's abort or the timeout. A launch is never given it.
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  signal?.addEventListener("abort", onAbort, { once: true });
  const timer =
    timeoutMs === undefined || timeoutMs === Infinity ? undefined : setTimeout(() => stop.abort(), timeoutMs);

  const search = async (): Promise<{ id: string; candidate: Availability }> => {
    let interval = pollIntervalMs;
    let nextPollAt = started;
    for (;;) {
      await sleep(nextPollAt - Date.now(), stop.signal);
      const polledAt = Date.now();
      const poll = ++counts.polls;
      let candidates: Availability[];
      try {
        candidates = rankCandidates(await deps.listInstanceTypes({ signal: stop.signal }), preferences);
      } catch (error) {
        if (stop.signal.aborted || !passing(error)) throw error;
        interval = Math.max(pollIntervalMs, Math.min(interval * 2, MAX_POLL_INTERVAL_MS));
        emit({ type: "poll-failed", poll, error, nextPollMs: interval });
        nextPollAt = Date.now() + interval;
        continue;
      }
      interval = pollIntervalMs;
      const [best] = candidates;
      if (!best) {
        // A look that took longer than one request slot queued behind other calls: leave them that time again.
        const nextPollMs = interval + Math.max(0, Date.now() - polledAt - RATE_LIMITS.request.intervalMs);
        emit({ type: "poll", poll, candidates, nextPollMs });
        nextPollAt = Date.now() + nextPollMs;
        continue;
      }
      emit({ type: "poll", poll, candidates });
      if (earlier) {
        const [found] = await instances.findByIdempotencyToken(token, { signal: stop.signal });
        if (found) return { id: found.id, candidate: earlier };
      }
      const attempt = ++counts.attempts;
      emit({ type: "attempt", attempt, candidate: best });
      const attemptedAt = Date.now();
      try {
        const launched = await instances.launch(
          { ...body, instance_type_name: best.type, region_name: best.region },
          { idempotencyToken: token },
        );
        return { id: launched.instance_ids[0] as string, candidate: best };
      } catch (error) {
        if (error instanceof LaunchOutcomeUnknownError) {
          earlier = best;
          emit({ type: "outcome-unknown", attempt, candidate: best, token });
        } else if (error instanceof InsufficientCapacityError || error instanceof RateLimitError) {
          counts.races++;
          emit({ type: "capacity-race", attempt, candidate: best });
        } else throw error;
      }
      nextPollAt = attemptedAt + RATE_LIMITS.launch.intervalMs;
    }
  };

  let found: { id: string; candidate: Availability };
  try {
    found = await search();
  } catch (error) {
    if (!stop.signal.aborted) throw error;
    // Stopped after an attempt whose outcome is unknown: look once more, so that the answer says what exists.
    const instanceId = earlier && (await instances.findByIdempotencyToken(token).catch(() => []))[0]?.id;
    const reason = signal?.aborted ? "aborted" : "timeout";
    // A timeout only stops the looking: an instance that exists is the result.
    if (!earlier || !instanceId || reason === "aborted")
      throw new LaunchWhenAvailableError(reason, token, instanceId, Boolean(earlier) && !instanceId, error);
    found = { id: instanceId, candidate: earlier };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }

  const { id } = found;
  const summary: LaunchWhenAvailableSummary = { ...counts, waitedMs: Date.now() - started, token };
  emit({ type: "launched", instanceId: id, candidate: found.candidate });
  try {
    signal?.throwIfAborted();
    let status: string | undefined;
    const onPoll = (instance: Instance) => {
      if (instance.status !== status) emit({ type: "status", instance });
      status = instance.status;
    };
    const instance = waitUntilActive
      ? await instances.waitFor(id, { ...(waitUntilActive === true ? {} : waitUntilActive), signal, onPoll })
      : await instances.get(id, { signal });
    return { instance, summary };
  } catch (error) {
    if (signal?.aborted) throw new LaunchWhenAvailableError("aborted", token, id, false, error);
    throw error;
  }
}
