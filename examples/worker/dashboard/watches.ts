/** The gateway's capacity watches: `GET|POST /api/watches`, `DELETE /api/watches/{id}`. */
import { IDEMPOTENCY_HEADER, WATCHES_PATH, type Watch, type WatchList, type WatchSpec } from "./contracts.js";
import { workerFetch } from "./worker-fetch.js";

/** The watches, newest first, or `"not-deployed"` when the Worker runs no watches (404). */
export type WatchesAnswer = readonly Watch[] | "not-deployed";

/** What a start takes: the spec's fields, the defaulted ones optional. */
export type WatchRequest = Pick<WatchSpec, "instance_types" | "ssh_key_name"> & Partial<WatchSpec>;

/** Whether a watch still runs (watching, or launching). */
export function isRunning(watch: Watch): boolean {
  return watch.state === "watching" || watch.state === "launching";
}

/** Lists the watches. */
export async function listWatches(signal?: AbortSignal): Promise<WatchesAnswer> {
  const response = await workerFetch(WATCHES_PATH, { headers: { accept: "application/json" }, signal });
  if (response.status === 404) {
    await response.body?.cancel();
    return "not-deployed";
  }
  return ((await answered(response, "GET")) as WatchList).data;
}

/** Starts a watch. */
export async function startWatch(request: WatchRequest): Promise<Watch> {
  const headers = { "content-type": "application/json", [IDEMPOTENCY_HEADER]: crypto.randomUUID() };
  const response = await workerFetch(WATCHES_PATH, { method: "POST", headers, body: JSON.stringify(request) });
  return ((await answered(response, "POST")) as { data: Watch }).data;
}

/** Cancels a watch that is still watching. */
export async function cancelWatch(id: string): Promise<Watch> {
  const response = await workerFetch(`${WATCHES_PATH}/${encodeURIComponent(id)}`, { method: "DELETE" });
  return ((await answered(response, "DELETE")) as { data: Watch }).data;
}

/** The answer's JSON; an error answer throws its message and suggestion. */
async function answered(response: Response, method: string): Promise<unknown> {
  const body = (await response.json().catch(() => undefined)) as
    | { error?: { message?: string; suggestion?: string } }
    | undefined;
  if (response.ok && body !== undefined) return body;
  const { message = `${method} ${WATCHES_PATH} answered ${response.status}.`, suggestion = "" } = body?.error ?? {};
  throw new Error(`${message} ${suggestion}`.trim());
}
