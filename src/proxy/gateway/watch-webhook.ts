/**
 * The optional webhook of capacity watches: when a watch ends (launched, gave up or failed), its
 * record is posted as JSON to a URL the operator keeps secret (it often carries a token, as a chat
 * webhook does). Sent once, after the watch is saved, and never retried: a lost notification
 * leaves the watch as it is, and the dashboard still shows it. The body never holds the key.
 */
import { isLoopback } from "../options.js";
import type { Watch } from "./watch.js";

/** How long the webhook may take to answer. */
const WEBHOOK_TIMEOUT_MS = 10_000;

/** The body posted: `event` is `"watch.launched"`, `"watch.gave-up"` or `"watch.failed"`. */
export interface WatchWebhookBody {
  /** What happened: `"watch.launched"`, `"watch.gave-up"` or `"watch.failed"`. */
  readonly event: string;
  /** The watch as it ended. */
  readonly watch: Watch;
}

/**
 * A notifier for {@link WatchesOptions.notify} that posts to `url`; it resolves with what
 * happened, e.g. `"sent (204)"`, which the watch records.
 * @throws {TypeError} when `url` is not https (or http on a loopback address).
 * @example
 * createWatches({ ..., notify: postToWebhook(env.WATCH_WEBHOOK_URL) })
 */
export function postToWebhook(
  url: string,
  fetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init),
): (watch: Watch) => Promise<string> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new TypeError("The watch webhook must be a URL, such as https://hooks.example.com/…");
  }
  if (!(target.protocol === "https:" || (target.protocol === "http:" && isLoopback(target.hostname)))) {
    throw new TypeError("The watch webhook must be an https URL (http only on a loopback address).");
  }
  return async (watch) => {
    const body: WatchWebhookBody = { event: `watch.${watch.state}`, watch };
    try {
      const answer = await fetch(target, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        redirect: "manual",
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      await answer.body?.cancel();
      return answer.ok ? `sent (${answer.status})` : `refused (${answer.status})`;
    } catch (error) {
      return `not sent (${error instanceof Error ? error.name : typeof error})`;
    }
  };
}
