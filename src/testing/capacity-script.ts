/**
 * Scripted capacity: a list of `{ at, type, region, units }` events, each applied when the
 * simulator's clock reaches `at` milliseconds after its start, as if `sim.state.setCapacity`
 * were called then. Lets a test (or a user's own find-and-launch code) see capacity appear and vanish.
 */

import type { Catalog } from "./catalog.js";
import type { Problem } from "./envelope.js";

/** One scripted change of capacity. */
export interface CapacityScriptEntry {
  /** When it applies: milliseconds of simulated time after the simulator started (0 or more). */
  readonly at: number;
  /** The instance type, e.g. `"gpu_1x_h100_pcie"`. */
  readonly type: string;
  /** The region, e.g. `"us-west-1"`. */
  readonly region: string;
  /** Instances of the type the region can hold at once from then on (running ones count against it). */
  readonly units: number;
}

/** A capacity script that cannot be used; `problems` name each bad entry and field, e.g. `capacity[1].units`. */
export class CapacityScriptError extends TypeError {
  /** The error's name, always `"CapacityScriptError"` (kept when the error is serialised). */
  override name = "CapacityScriptError";
  /** Builds the error from every problem found in the script. */
  constructor(readonly problems: readonly Problem[]) {
    super(`Invalid capacity script: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join("; ")}.`);
  }
}

const ENTRY_FIELDS = ["at", "type", "region", "units"];

function entryProblems(entry: unknown, path: string, catalog: Catalog): Problem[] {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry))
    return [{ path, message: "must be an object { at, type, region, units }" }];
  const fields = entry as Record<string, unknown>;
  const problems: Problem[] = Object.keys(fields)
    .filter((key) => !ENTRY_FIELDS.includes(key))
    .map((key) => ({
      path: `${path}.${key}`,
      message: `is not a field of a capacity entry; the fields are ${ENTRY_FIELDS.join(", ")}`,
    }));
  const { at, type, region, units } = fields;
  if (!(typeof at === "number" && Number.isFinite(at) && at >= 0))
    problems.push({
      path: `${path}.at`,
      message: `must be milliseconds ≥ 0 after the start, got ${JSON.stringify(at)}`,
    });
  if (typeof type !== "string" || !catalog.instanceType(type))
    problems.push({
      path: `${path}.type`,
      message: `${JSON.stringify(type)} is not an instance type of the simulator`,
    });
  if (typeof region !== "string" || !catalog.region(region))
    problems.push({ path: `${path}.region`, message: `${JSON.stringify(region)} is not a region of the simulator` });
  if (!(Number.isInteger(units) && (units as number) >= 0))
    problems.push({ path: `${path}.units`, message: `must be a whole number ≥ 0, got ${JSON.stringify(units)}` });
  return problems;
}

/**
 * Checks a script against the catalog and returns its entries in the order they apply (by
 * `at`; entries with the same `at` keep their order, so the later one wins).
 * @throws {CapacityScriptError} naming every bad entry and field.
 */
export function checkCapacityScript(script: unknown, catalog: Catalog): CapacityScriptEntry[] {
  if (!Array.isArray(script))
    throw new CapacityScriptError([{ path: "capacity", message: "must be a list of { at, type, region, units }" }]);
  const problems = script.flatMap((entry, index) => entryProblems(entry, `capacity[${index}]`, catalog));
  if (problems.length > 0) throw new CapacityScriptError(problems);
  return [...(script as CapacityScriptEntry[])].sort((a, b) => a.at - b.at);
}
