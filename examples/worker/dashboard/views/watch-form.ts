/** Starts a capacity watch: types and regions in order of preference, a maximum price, an SSH key, a name, when to give up. */
import { h } from "../dom.js";
import type { WatchRequest } from "../watches.js";

/** Names typed in order, separated by commas or spaces. */
const listOf = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** Renders the form into `container`; `onStart` is not awaited. `sshKeys` fill the key choice. */
export function renderWatchForm(
  container: HTMLElement,
  sshKeys: readonly string[],
  onStart: (request: WatchRequest) => void,
): void {
  const types = h("input", {
    name: "watch_types",
    required: true,
    autocomplete: "off",
    placeholder: "gpu_1x_h100_pcie, gpu_1x_a100_sxm4",
  });
  const regions = h("input", {
    name: "watch_regions",
    autocomplete: "off",
    placeholder: "any, or us-east-1, us-west-1",
  });
  const price = h("input", { name: "watch_max_price", type: "number", min: 0.01, step: 0.01, placeholder: "no limit" });
  const key = h(
    "select",
    { name: "watch_ssh_key", required: true },
    ...sshKeys.map((name) => h("option", { value: name }, name)),
  );
  const name = h("input", { name: "watch_name", maxlength: 64, autocomplete: "off", placeholder: "optional" });
  const hours = h("input", {
    name: "watch_hours",
    type: "number",
    min: 1,
    max: 168,
    step: 1,
    value: 24,
    required: true,
  });
  const form = h(
    "form",
    {
      class: "stack-form",
      "aria-label": "Start a watch",
      onsubmit: (event) => {
        event.preventDefault();
        const dollars = price.value.trim();
        onStart({
          instance_types: listOf(types.value),
          regions: listOf(regions.value).filter((region) => region !== "any"),
          max_price_cents_per_hour: dollars === "" ? null : Math.round(Number(dollars) * 100),
          ssh_key_name: key.value,
          name: name.value.trim() || null,
          give_up_after_minutes: Math.round(Number(hours.value) * 60),
        });
      },
    },
    h("label", {}, "Instance types, in order", types),
    h("label", {}, "Regions, in order", regions),
    h("label", {}, "Max price ($/hr)", price),
    h("label", {}, "SSH key", key),
    h("label", {}, "Instance name", name),
    h("label", {}, "Give up after (hours)", hours),
    h("button", { type: "submit", disabled: sshKeys.length === 0 }, "Start watch"),
  );
  container.replaceChildren(form);
}
