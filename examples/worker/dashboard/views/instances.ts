/**
 * The instance list: a table on wide screens, one card per instance on phones (the same markup,
 * restyled by CSS, each cell labelled by `data-label`). Launches this tab started show their
 * progress in their row, including those not yet answered; writes get restart and two-step
 * terminate buttons; every row can show its details.
 */
import type { Instance } from "lambda-cloud";
import { type Child, h } from "../dom.js";
import { pricePerHour, shortId } from "../format.js";
import { confirmButton } from "./confirm-button.js";
import { instanceDetails } from "./instance-details.js";
import { launchProgress } from "./launch-progress.js";

/** A launch sent but not yet answered with an instance id. */
export interface PendingLaunch {
  /** The action's idempotency key, which names the row. */
  readonly key: string;
  readonly name: string | undefined;
  readonly typeName: string;
  readonly typeDescription: string;
  readonly region: string;
  readonly startedAt: number;
}

/** What the list shows and may do. */
export interface InstanceListOptions {
  /** Show restart and terminate buttons. */
  readonly writes: boolean;
  /** Launches not yet answered, shown first. */
  readonly pending: readonly PendingLaunch[];
  /** When this tab launched an instance, for its progress. */
  readonly launchedAt: (id: string) => number | undefined;
  /** Called on the confirming click of Restart. */
  readonly onRestart: (instance: Instance) => void;
  /** Called on the confirming click of Terminate. */
  readonly onTerminate: (instance: Instance) => void;
}

const COLUMNS = ["Name", "Status", "Type", "Region", "IP"] as const;
/** Instances whose details are open; survives re-renders. */
const expanded = new Set<string>();
/** The last render's arguments, so that buttons can redraw the latest list. */
let shown: { container: HTMLElement; instances: readonly Instance[]; options: InstanceListOptions } | undefined;

/** Renders `instances` (and pending launches) into `container`. */
export function renderInstances(
  container: HTMLElement,
  instances: readonly Instance[],
  options: InstanceListOptions,
): void {
  shown = { container, instances, options };
  if (instances.length === 0 && options.pending.length === 0) {
    container.replaceChildren(
      h("p", { class: "empty" }, options.writes ? "No instances yet. Launch one above." : "No instances."),
    );
    return;
  }
  const head = h(
    "tr",
    {},
    ...COLUMNS.map((label) => h("th", { scope: "col" }, label)),
    h("th", { scope: "col", class: "actions" }, h("span", { class: "visually-hidden" }, "Actions")),
  );
  const rows = [
    ...options.pending.map(pendingRow),
    ...instances.flatMap((instance) => instanceRows(instance, options)),
  ];
  container.replaceChildren(h("table", { class: "instance-list" }, h("thead", {}, head), h("tbody", {}, ...rows)));
}

function redraw(): void {
  if (shown) renderInstances(shown.container, shown.instances, shown.options);
}

/** A cell labelled with its column; its content is one block, so that a card can put the label on the left and the value on the right. */
function cell(label: (typeof COLUMNS)[number], ...children: Child[]): HTMLTableCellElement {
  return h("td", { "data-label": label }, h("div", { class: "cell-value" }, ...children));
}

function pendingRow(launch: PendingLaunch): HTMLTableRowElement {
  return h(
    "tr",
    { class: "pending", "data-pending-launch": launch.key, "data-status": "requested" },
    cell(
      "Name",
      launch.name ?? h("span", { class: "muted" }, "unnamed"),
      h("span", { class: "sub" }, "waiting for an id"),
    ),
    cell(
      "Status",
      h("span", { class: "status booting" }, "requested"),
      launchProgress(launch.startedAt, launch.typeName),
    ),
    cell("Type", launch.typeDescription),
    cell("Region", launch.region),
    cell("IP", "—"),
    h("td", { class: "actions" }),
  );
}

function instanceRows(instance: Instance, options: InstanceListOptions): HTMLTableRowElement[] {
  const type = instance.instance_type;
  const open = expanded.has(instance.id);
  const detailsId = `details-${instance.id}`;
  const launchedAt = options.launchedAt(instance.id);
  const label = instance.name || shortId(instance.id);
  const row = h(
    "tr",
    { "data-instance-id": instance.id, "data-status": instance.status },
    cell(
      "Name",
      instance.name || h("span", { class: "muted" }, "unnamed"),
      h("span", { class: "sub mono" }, shortId(instance.id)),
    ),
    cell(
      "Status",
      h("span", { class: `status ${instance.status}` }, instance.status),
      instance.status === "booting" && launchedAt !== undefined ? launchProgress(launchedAt, type.name) : null,
    ),
    cell("Type", type.description, h("span", { class: "sub" }, pricePerHour(type.price_cents_per_hour))),
    cell("Region", instance.region.name),
    cell("IP", h("span", { class: "mono" }, instance.ip ?? "—")),
    h(
      "td",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          class: "quiet",
          "data-action": "details",
          "aria-expanded": String(open),
          "aria-controls": detailsId,
          "aria-label": `Details of ${label}`,
          onclick: () => {
            if (!expanded.delete(instance.id)) expanded.add(instance.id);
            redraw();
          },
        },
        open ? "Hide" : "Details",
      ),
      options.writes && available(instance, "restart")
        ? confirmButton({
            action: "restart",
            id: instance.id,
            label: "Restart",
            subject: label,
            onConfirm: () => options.onRestart(instance),
            redraw,
          })
        : null,
      options.writes && available(instance, "terminate")
        ? confirmButton({
            action: "terminate",
            id: instance.id,
            label: "Terminate",
            subject: label,
            onConfirm: () => options.onTerminate(instance),
            redraw,
          })
        : null,
    ),
  );
  if (!open) return [row];
  const details = h(
    "tr",
    { class: "details", id: detailsId, "data-details-of": instance.id },
    h("td", { colspan: COLUMNS.length + 1 }, instanceDetails(instance)),
  );
  return [row, details];
}

/** Whether the API says an action is available now (or, from an older API without `actions`, whether the status allows it). */
function available(instance: Instance, action: "restart" | "terminate"): boolean {
  const reported = instance.actions?.[action].available;
  if (reported !== undefined) return reported;
  return action === "restart"
    ? instance.status === "active"
    : !["terminating", "terminated", "preempted"].includes(instance.status);
}
