/** The instance table, with live status and a two-step terminate button when writes are allowed. */
import { h } from "../dom.js";
import { pricePerHour, shortId } from "../format.js";
import type { Instance } from "lambda-cloud";

/** What the table may do. */
export interface InstanceTableOptions {
  /** Show terminate buttons. */
  readonly writes: boolean;
  /** Called on the confirming (second) click of an instance's terminate button. */
  readonly onTerminate: (instance: Instance) => void;
}

/** How long a first click on "Terminate" waits for the confirming click. */
const CONFIRM_WINDOW_MS = 5_000;
/** Instances whose terminate button waits for confirmation; survives re-renders. */
const armed = new Set<string>();
/** The last render's arguments, so that arming a button redraws the latest list. */
let shown: { container: HTMLElement; instances: readonly Instance[]; options: InstanceTableOptions } | undefined;

/** Renders `instances` into `container`, newest state first. */
export function renderInstances(container: HTMLElement, instances: readonly Instance[], options: InstanceTableOptions): void {
  shown = { container, instances, options };
  if (instances.length === 0) {
    container.replaceChildren(h("p", { class: "empty" }, "No instances. Launch one above when writes are enabled."));
    return;
  }
  const head = h(
    "tr",
    {},
    ...["Name", "Status", "Type", "Region", "IP"].map((label) => h("th", { scope: "col" }, label)),
    h("th", { scope: "col", class: "actions" }),
  );
  const rows = instances.map((instance) => row(instance, options));
  container.replaceChildren(h("table", {}, h("thead", {}, head), h("tbody", {}, ...rows)));
}

function redraw(): void {
  if (shown) renderInstances(shown.container, shown.instances, shown.options);
}

function row(instance: Instance, options: InstanceTableOptions): HTMLTableRowElement {
  const type = instance.instance_type;
  return h(
    "tr",
    { "data-instance-id": instance.id, "data-status": instance.status },
    h("td", {}, instance.name || h("span", { class: "muted" }, "unnamed"), h("span", { class: "sub mono" }, shortId(instance.id))),
    h("td", {}, h("span", { class: `status ${instance.status}` }, instance.status)),
    h("td", {}, type.description, h("span", { class: "sub" }, pricePerHour(type.price_cents_per_hour))),
    h("td", {}, instance.region.name),
    h("td", { class: "mono" }, instance.ip ?? "—"),
    h("td", { class: "actions" }, options.writes && canTerminate(instance) ? terminateButton(instance, options) : null),
  );
}

function canTerminate(instance: Instance): boolean {
  return instance.actions?.terminate.available ?? !["terminating", "terminated", "preempted"].includes(instance.status);
}

function terminateButton(instance: Instance, options: InstanceTableOptions): HTMLButtonElement {
  const confirming = armed.has(instance.id);
  return h(
    "button",
    {
      type: "button",
      class: confirming ? "danger confirm" : "danger",
      "data-action": "terminate",
      onclick: () => {
        if (armed.delete(instance.id)) {
          options.onTerminate(instance);
          return;
        }
        armed.add(instance.id);
        setTimeout(() => armed.delete(instance.id) && redraw(), CONFIRM_WINDOW_MS);
        redraw();
      },
    },
    confirming ? "Confirm terminate" : "Terminate",
  );
}
