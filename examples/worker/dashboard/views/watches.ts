/** The capacity watches: state, polls, what was last seen, the result, and a cancel button while one watches. */

import type { Watch } from "../contracts.js";
import { h } from "../dom.js";
import { pricePerHour, shortId, timeOfDay } from "../format.js";
import { isRunning } from "../watches.js";

/** What the list can do. */
export interface WatchListOptions {
  readonly writes: boolean;
  readonly onCancel: (watch: Watch) => void;
}

/** Says that this Worker runs no watches (it has no gateway object). */
export function renderWatchesUnavailable(container: HTMLElement): void {
  container.replaceChildren(
    h("p", { class: "empty" }, "No watches here: the Worker runs them in its gateway (Durable Object)."),
  );
}

/** Renders the watches into `container`. */
export function renderWatches(container: HTMLElement, watches: readonly Watch[], options: WatchListOptions): void {
  if (watches.length === 0) {
    container.replaceChildren(
      h(
        "p",
        { class: "empty" },
        "No watches yet. A watch keeps looking for capacity, and launches once, while this page is closed.",
      ),
    );
    return;
  }
  container.replaceChildren(h("ul", { class: "items" }, ...watches.map((watch) => watchItem(watch, options))));
}

function watchItem(watch: Watch, options: WatchListOptions): HTMLLIElement {
  const { spec } = watch;
  const [best] = watch.last_seen;
  const seen =
    watch.last_poll_at === null
      ? "not polled yet"
      : `${best ? `saw ${best.type} in ${best.region} at ${pricePerHour(best.price_cents_per_hour)}` : "saw nothing matching"} at ${timeOfDay(new Date(watch.last_poll_at))}`;
  const active = isRunning(watch);
  return h(
    "li",
    { class: "watch", "data-watch-id": watch.id, "data-state": watch.state },
    h(
      "div",
      { class: "item-text" },
      h(
        "span",
        { class: "key-name" },
        spec.name ?? spec.instance_types.join(", "),
        " ",
        h("span", { class: `chip ${active || watch.state === "launched" ? "" : "none"}` }, watch.state),
      ),
      h(
        "span",
        { class: "sub" },
        `${spec.instance_types.join(" › ")} · ${spec.regions.length > 0 ? spec.regions.join(" › ") : "any region"}${spec.max_price_cents_per_hour === null ? "" : ` · ≤ ${pricePerHour(spec.max_price_cents_per_hour)}`}`,
      ),
      h("span", { class: "sub" }, `${watch.polls} ${watch.polls === 1 ? "poll" : "polls"} · ${seen}`),
      watch.instance_id
        ? h(
            "span",
            { class: "sub" },
            "Launched ",
            h(
              "a",
              { href: "#", class: "mono", onclick: (event) => showInstance(event, watch.instance_id as string) },
              shortId(watch.instance_id),
            ),
          )
        : null,
      watch.error ? h("span", { class: "sub" }, watch.error) : null,
      watch.webhook ? h("span", { class: "sub" }, `Webhook: ${watch.webhook}`) : null,
    ),
    options.writes && watch.state === "watching"
      ? h(
          "button",
          { type: "button", class: "quiet", "data-action": "cancel-watch", onclick: () => options.onCancel(watch) },
          "Cancel",
        )
      : null,
  );
}

/** Scrolls the instance list to the launched instance. */
function showInstance(event: Event, id: string): void {
  event.preventDefault();
  document.querySelector(`[data-instance-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: "center" });
}
