/**
 * Which (type, region) pairs a find-and-launch should try, best first: the caller's preferences,
 * checked and normalised, then ranked against an instance-types answer. Pure functions (no I/O),
 * shared by `instances.launchWhenAvailable` and the gateway's capacity watch.
 */
import * as v from "valibot";
import { RequestValidationError, type ValidationProblem } from "../errors.js";
import type { InstanceTypes as InstanceTypesRecord } from "../schemas/instance-types.js";
import { validate } from "../validation.js";
import { type Availability, type AvailabilityFilter, AvailabilityFilterSchema, availableFrom } from "./availability.js";

/** Instance types to accept: one name, names in order of preference, or a filter (then cheapest first). */
export type TypePreference = string | readonly string[] | AvailabilityFilter;

/** Regions to accept: one name, names in order of preference, or `"any"` (then cheapest first). */
export type RegionPreference = string | readonly string[];

/** What a find-and-launch accepts, as a caller writes it. */
export interface CandidatePreferences {
  /** The instance types, e.g. `["gpu_1x_h100_pcie", "gpu_1x_h100_sxm5"]` or `{ gpu: "H100" }`. */
  readonly types: TypePreference;
  /** The regions, e.g. `["us-west-1", "us-east-1"]`. @default "any" */
  readonly regions?: RegionPreference | undefined;
  /** The highest price in US cents per hour, inclusive. @default no limit */
  readonly maxPriceCentsPerHour?: number | undefined;
}

/** Preferences after {@link checkPreferences}: lists are arrays and `"any"` is `undefined`. */
export interface Preferences {
  /** Type names in order of preference; `undefined` when a filter chooses (cheapest first). */
  readonly types: readonly string[] | undefined;
  /** Region names in order of preference; `undefined` for any region (cheapest first). */
  readonly regions: readonly string[] | undefined;
  /** What {@link availableFrom} keeps: the type filter (or names), the regions and the price cap together. */
  readonly filter: AvailabilityFilter;
}

/** Where a {@link RequestValidationError} for bad preferences points: the operation and the names of the two fields. */
export interface PreferenceFields {
  readonly operation: string;
  /** @default "types" */
  readonly types?: string;
  /** @default "regions" */
  readonly regions?: string;
}

const Name = v.pipe(v.string(), v.minLength(1, "must not be empty"));
const Names = v.pipe(
  v.array(Name),
  v.minLength(1, "must list at least one name"),
  v.check((names) => new Set(names).size === names.length, "must not list a name twice"),
);
const Price = v.optional(v.pipe(v.number(), v.minValue(0)));

/** One name becomes a list of one; a list is checked as a list. */
function names(value: unknown, path: string, problems: ValidationProblem[]): string[] | undefined {
  const checked = validate(Names, typeof value === "string" ? [value] : value, path);
  if (checked.ok) return checked.value;
  // A single name's problem belongs to the name, not to the list of one it became.
  problems.push(...checked.problems.map((problem) => (typeof value === "string" ? { ...problem, path } : problem)));
  return undefined;
}

/**
 * Checks and normalises preferences, collecting every problem.
 * @throws RequestValidationError naming each bad field (a missing or empty type list, an empty
 * or repeated name, a bad filter field, a negative or non-numeric price).
 * @example
 * ```ts
 * const preferences = checkPreferences({ types: { gpu: "H100" }, regions: ["us-west-1"], maxPriceCentsPerHour: 300 }, { operation: "watch" });
 * ```
 */
export function checkPreferences(input: CandidatePreferences, fields: PreferenceFields): Preferences {
  const typesPath = fields.types ?? "types";
  const regionsPath = fields.regions ?? "regions";
  const problems: ValidationProblem[] = [];
  const { types: typesInput, regions: regionsInput = "any", maxPriceCentsPerHour } = input;

  let types: string[] | undefined;
  let typeFilter: AvailabilityFilter = {};
  if (typeof typesInput === "object" && typesInput !== null && !Array.isArray(typesInput)) {
    const checked = validate(AvailabilityFilterSchema, typesInput, typesPath);
    if (checked.ok) typeFilter = checked.value ?? {};
    else problems.push(...checked.problems);
  } else {
    types = names(typesInput, typesPath, problems);
  }
  const regions = regionsInput === "any" ? undefined : names(regionsInput, regionsPath, problems);
  const price = validate(Price, maxPriceCentsPerHour, "maxPriceCentsPerHour");
  if (!price.ok) problems.push(...price.problems);
  if (problems.length > 0) throw new RequestValidationError(fields.operation, problems);

  const caps = [typeFilter.maxPriceCentsPerHour, maxPriceCentsPerHour].filter((cap) => cap !== undefined);
  const filter: AvailabilityFilter = {
    ...typeFilter,
    ...(types ? { types } : {}),
    ...(regions
      ? { regions: typeFilter.regions ? regions.filter((region) => typeFilter.regions?.includes(region)) : regions }
      : {}),
    ...(caps.length > 0 ? { maxPriceCentsPerHour: Math.min(...caps) } : {}),
  };
  return { types, regions, filter };
}

/**
 * The (type, region) pairs that have capacity in this instance-types answer and match the
 * preferences, best first: by type preference (by price under a filter), then by region
 * preference, then as {@link availableFrom} orders them (cheapest, then by name).
 * @example
 * ```ts
 * const [best] = rankCandidates(await client.instanceTypes.list(), preferences);
 * ```
 */
export function rankCandidates(catalog: InstanceTypesRecord, preferences: Preferences): Availability[] {
  const { types, regions } = preferences;
  const typeRank = (entry: Availability) => (types ? types.indexOf(entry.type) : entry.priceCentsPerHour);
  const regionRank = (entry: Availability) => (regions ? regions.indexOf(entry.region) : 0);
  // Array.prototype.sort is stable, so equal ranks keep availableFrom's order.
  return availableFrom(catalog, preferences.filter).sort(
    (a, b) => typeRank(a) - typeRank(b) || regionRank(a) - regionRank(b),
  );
}
