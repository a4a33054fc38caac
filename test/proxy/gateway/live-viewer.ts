// A viewer of the gateway's live feed, as a browser's EventSource is: it subscribes to
// `GET /api/live/instances`, reads the server-sent events, and reconnects on its own a moment
// after the stream ends or fails, until stopped. Used by test/proxy/gateway/ and bench/fanout.mjs.
import { LIVE_INSTANCES_PATH } from "../../../src/proxy/gateway/contract.ts";

/** One `instances` event as a viewer received it. */
export interface ReceivedList {
  readonly receivedAt: number;
  readonly ageMs: number;
  readonly ids: ReadonlySet<string>;
  /** The instances' names. */
  readonly names: ReadonlySet<string>;
}

/** A running viewer. */
export interface LiveViewer {
  /** Every instance list received, oldest first. */
  readonly lists: ReceivedList[];
  /** How many times the feed was opened (1 + reconnections). */
  connects: number;
  /** Refusals by `"<status> <code>"`. */
  readonly refusals: Record<string, number>;
  /** Resolves once the viewer has stopped. */
  readonly done: Promise<void>;
}

/** How long a viewer waits before reconnecting, as `EventSource` does by default. */
export const RECONNECT_MS = 1_000;

/** `"<status> <error code>"` of an error answer. */
export async function failureOf(response: Response): Promise<string> {
  const text = await response.text();
  try {
    return `${response.status} ${(JSON.parse(text) as { error?: { code?: string } }).error?.code ?? "(no code)"}`;
  } catch {
    return `${response.status} (not JSON)`;
  }
}

/** Reads a server-sent-events stream, calling `onEvent(name, data)` per event, until it ends. */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (name: string, data: string) => void,
): Promise<void> {
  let buffer = "";
  for await (const chunk of body.pipeThrough(
    new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>,
  )) {
    buffer += chunk.replaceAll("\r\n", "\n");
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const lines = buffer.slice(0, end).split("\n");
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        lines.filter((line) => line.startsWith(`${name}:`)).map((line) => line.slice(name.length + 1).trimStart());
      const data = field("data");
      if (data.length > 0) onEvent(field("event")[0] ?? "message", data.join("\n"));
    }
  }
}

/** Subscribes to `${origin}/api/live/instances` until `signal` aborts, reconnecting on its own. */
export function startLiveViewer(origin: string, signal: AbortSignal, headers: Record<string, string> = {}): LiveViewer {
  const viewer: Omit<LiveViewer, "done"> = { lists: [], connects: 0, refusals: {} };
  const done = (async () => {
    while (!signal.aborted) {
      try {
        const response = await fetch(`${origin}${LIVE_INSTANCES_PATH}`, {
          headers: { accept: "text/event-stream", ...headers },
          signal,
        });
        if (response.ok && response.body) {
          viewer.connects += 1;
          await readEvents(response.body, (name, data) => {
            if (name !== "instances") return;
            const event = JSON.parse(data) as { data: { id: string; name?: string | null }[]; age_ms: number };
            viewer.lists.push({
              receivedAt: Date.now(),
              ageMs: event.age_ms,
              ids: new Set(event.data.map((instance) => instance.id)),
              names: new Set(event.data.map((instance) => instance.name ?? "")),
            });
          });
        } else {
          const failure = await failureOf(response);
          viewer.refusals[failure] = (viewer.refusals[failure] ?? 0) + 1;
          if (response.status === 404) return;
        }
      } catch {
        // Dropped, refused or aborted: reconnect unless stopped.
      }
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  })();
  return Object.assign(viewer, { done });
}
