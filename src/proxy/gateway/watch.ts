/**
 * A capacity watch: what a viewer asks for (types and regions in order of preference, a maximum
 * price, an SSH key, an optional name, when to give up) and what the gateway keeps about it while
 * it runs server-side (its state, polls, what it last saw, its launch and result). The request is
 * checked here, with an error naming each bad field.
 */
import { RequestValidationError } from "../../errors.js";
import { checkPreferences, type Preferences } from "../../resources/candidates.js";
import { ProxyRejection } from "../errors.js";

/** Where a watch is: `watching` and `launching` still run; the others are final. */
export type WatchState = "watching" | "launching" | "launched" | "gave-up" | "cancelled" | "failed";

/** What `POST /api/watches` takes. */
export interface WatchSpec {
  /** Instance types in order of preference, e.g. `["gpu_1x_h100_pcie", "gpu_1x_a100_sxm4"]`. */
  readonly instance_types: readonly string[];
  /** Regions in order of preference; empty for any region. @default [] */
  readonly regions: readonly string[];
  /** The most it may cost, in cents per hour; `null` for no limit. @default null */
  readonly max_price_cents_per_hour: number | null;
  /** The SSH key the instance gets, by name. */
  readonly ssh_key_name: string;
  /** The instance's name. @default null (none) */
  readonly name: string | null;
  /** Minutes after which the watch gives up. @default 1440 (a day) */
  readonly give_up_after_minutes: number;
}

/** A (type, region) pair the watch saw with capacity at a poll, within its preferences and price. */
export interface SeenCandidate {
  /** The instance type's name, e.g. `"gpu_1x_h100_pcie"`. */
  readonly type: string;
  /** The region's name, e.g. `"us-east-1"`. */
  readonly region: string;
  /** The type's price, in US cents per hour. */
  readonly price_cents_per_hour: number;
}

/** A launch the watch sent: its idempotency token (the value of its tag) and where it went. */
export interface WatchLaunch {
  /** The launch's idempotency token, the value of its `lambda-cloud:idempotency` tag. */
  readonly token: string;
  /** The instance type it launched. */
  readonly type: string;
  /** The region it launched in. */
  readonly region: string;
  /** When it was sent, ISO 8601. */
  readonly sent_at: string;
  /** Until when (epoch ms) an unknown outcome is looked for by its tag before the watch fails; `null` while the answer is awaited. */
  readonly reconcile_until: number | null;
}

/** A watch as stored and listed by `GET /api/watches`. Never holds the key. */
export interface Watch {
  /** The watch's id, e.g. for `DELETE /api/watches/:id`. */
  readonly id: string;
  /** What the watch looks for and launches. */
  readonly spec: WatchSpec;
  /** Where the watch stands. */
  readonly state: WatchState;
  /** Who started it (the authorizer's caller id), or `"anonymous"`. */
  readonly created_by: string;
  /** The `Idempotency-Key` it was started with: a start repeated with it gets this watch. */
  readonly idempotency_key: string | null;
  /** When it started, ISO 8601. */
  readonly created_at: string;
  /** When it gives up, ISO 8601. */
  readonly give_up_at: string;
  /** How many times it looked at availability. */
  readonly polls: number;
  /** How many launches it sent that someone else's won (insufficient capacity when it arrived). */
  readonly races_lost: number;
  /** When it last looked at availability, ISO 8601; `null` before its first poll. */
  readonly last_poll_at: string | null;
  /** What it saw at its last poll, best first: the pairs it would launch. */
  readonly last_seen: readonly SeenCandidate[];
  /** The launch in flight or done, if any. */
  readonly launch: WatchLaunch | null;
  /** The launched instance's id, once `launched`. */
  readonly instance_id: string | null;
  /** Why it failed or gave up, or the last transient problem while it runs. */
  readonly error: string | null;
  /** What became of the webhook's notification when it ended, e.g. `"sent (204)"`; `null` without a webhook. */
  readonly webhook: string | null;
  /** When it next runs, epoch milliseconds (meaningless once final). */
  readonly next_run_at: number;
}

/** The body of `GET /api/watches`: newest first. */
export interface WatchList {
  /** The watches, newest first. */
  readonly data: readonly Watch[];
}

/** Whether a watch still runs. */
export function isActive(watch: Watch): boolean {
  return watch.state === "watching" || watch.state === "launching";
}

/** A new watch of `spec`, started now by `caller`, due to run at once. */
export function newWatch(spec: WatchSpec, caller: string, idempotencyKey: string | null, now: number): Watch {
  return {
    id: crypto.randomUUID(),
    spec,
    state: "watching",
    created_by: caller,
    idempotency_key: idempotencyKey,
    created_at: new Date(now).toISOString(),
    give_up_at: new Date(now + spec.give_up_after_minutes * 60_000).toISOString(),
    polls: 0,
    races_lost: 0,
    last_poll_at: null,
    last_seen: [],
    launch: null,
    instance_id: null,
    error: null,
    webhook: null,
    next_run_at: now,
  };
}

/** The longest a watch may run: a week. */
export const MAX_GIVE_UP_AFTER_MINUTES = 7 * 24 * 60;

const FIELDS = [
  "instance_types",
  "regions",
  "max_price_cents_per_hour",
  "ssh_key_name",
  "name",
  "give_up_after_minutes",
];

/** The spec's preferences, checked and normalised by the ranking shared with `launchWhenAvailable`. */
export function preferencesOf(
  spec: Pick<WatchSpec, "instance_types" | "regions" | "max_price_cents_per_hour">,
): Preferences {
  return checkPreferences(
    {
      types: spec.instance_types,
      regions: spec.regions.length === 0 ? "any" : spec.regions,
      maxPriceCentsPerHour: spec.max_price_cents_per_hour ?? undefined,
    },
    { operation: "createWatch", types: "instance_types", regions: "regions" },
  );
}

/**
 * Checks the body of `POST /api/watches` and fills in the defaults.
 * @throws {ProxyRejection} 400 `proxy/bad-request` naming every bad field.
 */
export function checkWatchSpec(body: unknown): WatchSpec {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw badSpec(["the body must be a JSON object"]);
  const fields = body as Record<string, unknown>;
  const {
    instance_types,
    regions = [],
    max_price_cents_per_hour = null,
    ssh_key_name,
    name = null,
    give_up_after_minutes = 24 * 60,
  } = fields;
  const isNames = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === "string");
  const problems = [
    ...Object.keys(fields)
      .filter((key) => !FIELDS.includes(key))
      .map((key) => `${key} is not a field of a watch (the fields are ${FIELDS.join(", ")})`),
    isNames(instance_types) ? "" : "instance_types must be a list of instance type names, in order of preference",
    isNames(regions) ? "" : "regions must be a list of region names, in order of preference (empty for any)",
    max_price_cents_per_hour === null ||
    (Number.isInteger(max_price_cents_per_hour) && (max_price_cents_per_hour as number) > 0)
      ? ""
      : "max_price_cents_per_hour must be a whole number of cents > 0, or null",
    typeof ssh_key_name === "string" && /^\S{1,64}$/.test(ssh_key_name)
      ? ""
      : "ssh_key_name must name one of the account's SSH keys",
    name === null || (typeof name === "string" && name.length >= 1 && name.length <= 64)
      ? ""
      : "name must be 1 to 64 characters, or null",
    Number.isInteger(give_up_after_minutes) &&
    (give_up_after_minutes as number) >= 1 &&
    (give_up_after_minutes as number) <= MAX_GIVE_UP_AFTER_MINUTES
      ? ""
      : `give_up_after_minutes must be a whole number from 1 to ${MAX_GIVE_UP_AFTER_MINUTES}`,
  ].filter(Boolean);
  if (problems.length > 0) throw badSpec(problems);
  const spec: WatchSpec = {
    instance_types: instance_types as string[],
    regions: regions as string[],
    max_price_cents_per_hour: max_price_cents_per_hour as number | null,
    ssh_key_name: ssh_key_name as string,
    name: name as string | null,
    give_up_after_minutes: give_up_after_minutes as number,
  };
  try {
    preferencesOf(spec);
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    throw badSpec(error.problems.map((problem) => `${problem.path} ${problem.message}`));
  }
  return spec;
}

function badSpec(problems: readonly string[]): ProxyRejection {
  return new ProxyRejection(
    400,
    "proxy/bad-request",
    `The watch cannot be started: ${problems.join("; ")}.`,
    "Fix the fields named and start the watch again.",
  );
}
