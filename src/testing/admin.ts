/**
 * The control API that `lambda-cloud-simulator --admin` serves under `/__admin/`, so that
 * tests in another process can steer the simulator: add and clear faults, advance the clock,
 * set capacity and read the state. Off unless the simulator is created with `admin: true`.
 */
import * as v from "valibot";
import { validate } from "../validation.js";
import type { SimulatorClock } from "./clock.js";
import { dataResponse, jsonResponse } from "./envelope.js";
import { type FaultRegistry, FaultSpecSchema } from "./faults.js";
import type { SimulatorState } from "./state.js";
import type { Traffic } from "./traffic.js";

/** Path prefix of the control API. */
export const ADMIN_PREFIX = "/__admin/";

const AdvanceSchema = v.strictObject({ ms: v.pipe(v.number(), v.minValue(0)) });
const CapacitySchema = v.strictObject({
  instance_type_name: v.string(),
  region_name: v.string(),
  units: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

/** What the control API can reach. */
export interface AdminContext {
  readonly request: Request;
  readonly path: string;
  readonly state: SimulatorState;
  readonly faults: FaultRegistry;
  readonly clock: SimulatorClock;
  readonly traffic: Pick<Traffic, "snapshot">;
}

function adminError(status: number, message: string): Response {
  return jsonResponse({ error: { code: "admin/invalid-request", message } }, status);
}

async function readJson<Schema extends v.GenericSchema>(
  request: Request,
  schema: Schema,
): Promise<v.InferOutput<Schema> | Response> {
  let value: unknown;
  try {
    value = await request.json();
  } catch {
    return adminError(400, "The body must be JSON.");
  }
  const result = validate(schema, value);
  return result.ok
    ? result.value
    : adminError(400, result.problems.map((p) => `${p.path || "body"}: ${p.message}`).join("; "));
}

/**
 * Answers `GET state`, `GET traffic` (API calls answered, by status and operation), `GET|POST|DELETE faults`, `POST clock/advance` (`{ms}`) and
 * `POST capacity` (`{instance_type_name, region_name, units}`; `units: null` restores the seed's figures).
 */
export async function handleAdmin({ request, path, state, faults, clock, traffic }: AdminContext): Promise<Response> {
  const route = `${request.method} ${path.slice(ADMIN_PREFIX.length)}`;
  switch (route) {
    case "GET state":
      return dataResponse(state.snapshot());
    case "GET traffic":
      return dataResponse(traffic.snapshot());
    case "GET faults":
      return dataResponse(faults.list());
    case "POST faults": {
      const spec = await readJson(request, FaultSpecSchema);
      if (spec instanceof Response) return spec;
      faults.add(spec);
      return dataResponse(faults.list(), 201);
    }
    case "DELETE faults":
      faults.clear();
      return dataResponse({});
    case "POST clock/advance": {
      const body = await readJson(request, AdvanceSchema);
      if (body instanceof Response) return body;
      clock.advance(body.ms);
      return dataResponse({ now: new Date(clock.now()).toISOString() });
    }
    case "POST capacity": {
      const body = await readJson(request, CapacitySchema);
      if (body instanceof Response) return body;
      try {
        state.setCapacity(body.instance_type_name, body.region_name, body.units ?? undefined);
      } catch (error) {
        return adminError(400, (error as Error).message);
      }
      return dataResponse({ available: state.capacity(body.instance_type_name, body.region_name) });
    }
    default:
      return adminError(404, `Unknown control route ${route}; see docs/simulator.md for the routes.`);
  }
}
