/** The launch form: type, region (only those with capacity for the type), SSH key and name. */
import { h } from "../dom.js";
import { pricePerHour } from "../format.js";
import type { InstanceLaunchRequest, InstanceTypes, SSHKey } from "lambda-cloud";
import { sortedTypes } from "./catalog.js";

/** Renders the form into `container`; `onLaunch` runs on submit, with the button disabled until it settles. */
export function renderLaunchForm(
  container: HTMLElement,
  catalog: InstanceTypes,
  keys: readonly SSHKey[],
  onLaunch: (request: InstanceLaunchRequest) => Promise<void>,
): void {
  const types = sortedTypes(catalog);
  const typeSelect = h(
    "select",
    { name: "instance_type_name", required: true },
    ...types.map(({ instance_type: type, regions_with_capacity_available: regions }) =>
      h(
        "option",
        { value: type.name, disabled: regions.length === 0 },
        `${type.description} · ${pricePerHour(type.price_cents_per_hour)}${regions.length === 0 ? " · no capacity" : ""}`,
      ),
    ),
  );
  typeSelect.value = types.find((entry) => entry.regions_with_capacity_available.length > 0)?.instance_type.name ?? "";
  const regionSelect = h("select", { name: "region_name", required: true });
  const fillRegions = () => {
    const regions = catalog[typeSelect.value]?.regions_with_capacity_available ?? [];
    regionSelect.replaceChildren(...regions.map((region) => h("option", { value: region.name }, `${region.name} · ${region.description}`)));
    regionSelect.disabled = regions.length === 0;
  };
  typeSelect.addEventListener("change", fillRegions);
  fillRegions();
  const keySelect = h("select", { name: "ssh_key_name", required: true }, ...keys.map((key) => h("option", { value: key.name }, key.name)));
  const nameInput = h("input", { name: "name", maxlength: 64, placeholder: "optional", autocomplete: "off" });
  const button = h("button", { type: "submit", disabled: keys.length === 0 }, "Launch");

  const form = h(
    "form",
    {
      class: "launch",
      "aria-label": "Launch an instance",
      onsubmit: async (event) => {
        event.preventDefault();
        button.disabled = true;
        try {
          await onLaunch({
            instance_type_name: typeSelect.value,
            region_name: regionSelect.value,
            ssh_key_names: [keySelect.value],
            ...(nameInput.value.trim() ? { name: nameInput.value.trim() } : {}),
          });
          nameInput.value = "";
        } finally {
          button.disabled = false;
        }
      },
    },
    h("label", {}, "Instance type", typeSelect),
    h("label", {}, "Region", regionSelect),
    h("label", {}, "SSH key", keySelect),
    h("label", {}, "Name", nameInput),
    button,
  );
  container.replaceChildren(form);
}
