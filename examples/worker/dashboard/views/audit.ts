/** The audit trail: every write through the gateway, newest first, with a button for older pages. */

import type { AuditRecord } from "../contracts.js";
import { h } from "../dom.js";
import { timeOfDay } from "../format.js";

/** What the view shows besides the records. */
export interface AuditViewOptions {
  /** Whether older records exist. */
  readonly more: boolean;
  /** Loads the next (older) page. */
  readonly onMore: () => void;
}

/** Says that this Worker records no audit trail (it runs no gateway). */
export function renderAuditUnavailable(container: HTMLElement): void {
  container.replaceChildren(
    h(
      "p",
      { class: "empty" },
      "No audit trail here: the Worker records one when it runs the gateway (Durable Object). Writes still work.",
    ),
  );
}

/** Renders the records loaded so far into `container`. */
export function renderAudit(container: HTMLElement, records: readonly AuditRecord[], options: AuditViewOptions): void {
  if (records.length === 0) {
    container.replaceChildren(h("p", { class: "empty" }, "No writes recorded yet."));
    return;
  }
  const items = records.map((record) =>
    h(
      "li",
      { class: "audit-record", "data-outcome": record.outcome },
      h(
        "div",
        { class: "item-text" },
        h(
          "span",
          { class: "key-name" },
          record.operation,
          " ",
          h("span", { class: `chip ${record.outcome === "ok" ? "" : "none"}` }, record.outcome),
        ),
        h(
          "span",
          { class: "sub" },
          `${record.caller} · ${timeOfDay(new Date(record.time))}${record.status === null ? "" : ` · ${record.status}`}`,
        ),
        record.ids.length > 0 ? h("span", { class: "sub mono ellipsis" }, record.ids.join(", ")) : null,
      ),
    ),
  );
  const list = h("ul", { class: "items" }, ...items);
  container.replaceChildren(
    ...(options.more
      ? [list, h("button", { type: "button", class: "quiet", onclick: options.onMore }, "Older entries")]
      : [list]),
  );
}
