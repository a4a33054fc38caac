/**
 * The live feed of the instance list: server-sent events for any number of subscribers, fed
 * by one poll per interval in all (through the shared cache, at background priority). An
 * `instances` event goes out only when the list changed; a comment line keeps idle connections
 * open; polling stops when the last subscriber leaves.
 */
import type { HeldAnswer } from "./answer.js";
import type { LiveInstancesEvent } from "./contract.js";

/** What the live feed needs. */
export interface LiveFeedSettings {
  /** The newest instance list (one upstream call at most, shared with the cache). */
  readonly read: (key: string) => Promise<HeldAnswer>;
  readonly now: () => number;
  /** Milliseconds between polls. */
  readonly intervalMs: number;
  /** Milliseconds between heartbeat comments. */
  readonly heartbeatMs: number;
}

/** The live feed of one gateway. */
export interface LiveFeed {
  /** A `text/event-stream` response for one new subscriber; it leaves when `signal` aborts or the stream is cancelled. */
  subscribe(key: string, signal?: AbortSignal): Response;
}

/** How often a browser's `EventSource` retries after losing the connection, in milliseconds. */
const RECONNECT_MS = 2_000;
/** Events a subscriber may leave unread before it is dropped as gone. */
const MAX_UNREAD_EVENTS = 64;

type Subscriber = ReadableStreamDefaultController<Uint8Array>;

/** Creates the live feed. */
export function createLiveFeed({ read, now, intervalMs, heartbeatMs }: LiveFeedSettings): LiveFeed {
  const subscribers = new Set<Subscriber>();
  const encoder = new TextEncoder();
  let key = "";
  let latest: { readonly json: string; readonly data: readonly unknown[]; readonly receivedAt: number } | undefined;
  let timers: readonly ReturnType<typeof setInterval>[] = [];
  let polling = false;

  const send = (subscriber: Subscriber, text: string) => {
    if ((subscriber.desiredSize ?? 0) < -MAX_UNREAD_EVENTS) return leave(subscriber, true);
    try {
      subscriber.enqueue(encoder.encode(text));
    } catch {
      leave(subscriber, false);
    }
  };
  const broadcast = (text: string) => {
    for (const subscriber of subscribers) send(subscriber, text);
  };
  const eventText = () => {
    if (latest === undefined) return "";
    const event: LiveInstancesEvent = { data: latest.data, age_ms: Math.max(0, now() - latest.receivedAt) };
    return `event: instances\ndata: ${JSON.stringify(event)}\n\n`;
  };
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      const answer = await read(key);
      const data = answer.status === 200 ? instancesOf(answer.body) : undefined;
      if (data === undefined) return;
      const json = JSON.stringify(data);
      if (json === latest?.json) return;
      latest = { json, data, receivedAt: answer.receivedAt };
      broadcast(eventText());
    } catch {
      // A failed poll is tried again at the next interval; subscribers keep the last list.
    } finally {
      polling = false;
    }
  };
  const start = () => {
    timers = [setInterval(() => void poll(), intervalMs), setInterval(() => broadcast(": heartbeat\n\n"), heartbeatMs)];
    void poll();
  };
  const stop = () => {
    for (const timer of timers) clearInterval(timer);
    timers = [];
  };
  function leave(subscriber: Subscriber, close: boolean) {
    if (!subscribers.delete(subscriber)) return;
    if (close) {
      try {
        subscriber.close();
      } catch {
        // Already closed or errored.
      }
    }
    if (subscribers.size === 0) stop();
  }

  return {
    subscribe(subscriberKey, signal) {
      key = subscriberKey;
      let subscriber: Subscriber | undefined;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          subscriber = controller;
          subscribers.add(controller);
          controller.enqueue(encoder.encode(`retry: ${RECONNECT_MS}\n\n${eventText()}`));
          if (subscribers.size === 1) start();
        },
        cancel() {
          if (subscriber !== undefined) leave(subscriber, false);
        },
      });
      signal?.addEventListener("abort", () => subscriber !== undefined && leave(subscriber, true), { once: true });
      return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8" } });
    },
  };
}

/** The `data` list of a `GET /instances` answer, or `undefined` when it is not one. */
function instancesOf(body: string): readonly unknown[] | undefined {
  try {
    const data = (JSON.parse(body) as { data?: unknown } | null)?.data;
    return Array.isArray(data) ? data : undefined;
  } catch {
    return undefined;
  }
}
