/**
 * The live instance list (`GET /api/live/instances`, server-sent events named `instances` whose
 * data is `{ data: Instance[], age_ms }`), served by the gateway. Ends by saying why it stopped,
 * so that the caller can fall back to polling.
 */
import { type Instance, InstanceSchema } from "lambda-cloud";
import * as v from "valibot";
import { LIVE_INSTANCES_PATH, type LiveInstancesEvent } from "./contracts.js";
import { readServerSentEvents } from "./server-sent-events.js";
import { workerFetch } from "./worker-fetch.js";

/** The name of the feed's events. */
export const INSTANCES_EVENT = "instances";

/** Why the feed stopped: `"not-deployed"` (404: no gateway), `"refused"` (another status), `"ended"` (the stream closed or failed). */
export type LiveEnd = "not-deployed" | "refused" | "ended";

const LiveEventSchema = v.looseObject({ data: v.array(InstanceSchema), age_ms: v.number() });

/** Parses one event's data; `undefined` when it is not a valid instance list. */
export function parseLiveEvent(data: string): { instances: Instance[]; ageMs: number } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  const result = v.safeParse(LiveEventSchema, json);
  if (!result.success) return undefined;
  const event: LiveInstancesEvent = result.output;
  return { instances: result.output.data, ageMs: event.age_ms };
}

/**
 * Follows the live feed, calling `onInstances` for every valid event, until the stream stops or
 * `signal` aborts; resolves with why it stopped (`"ended"` after an abort too).
 */
export async function followLiveInstances(
  onInstances: (instances: Instance[], ageMs: number) => void,
  signal: AbortSignal,
): Promise<LiveEnd> {
  try {
    const response = await workerFetch(LIVE_INSTANCES_PATH, { headers: { accept: "text/event-stream" }, signal });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      return response.status === 404 ? "not-deployed" : "refused";
    }
    for await (const { event, data } of readServerSentEvents(response.body)) {
      if (event !== INSTANCES_EVENT) continue;
      const parsed = parseLiveEvent(data);
      if (parsed) onInstances(parsed.instances, parsed.ageMs);
    }
  } catch {
    // A dropped connection ends the feed like a closed stream does.
  }
  return "ended";
}
