/**
 * The launch form, behind a "Launch instance" button: type, region (only those with capacity
 * for the type now), SSH key and name. Submitting hands the request over and returns at once:
 * the form stays usable, and only the name just used is cleared. The catalog can be updated
 * while the form is open; the choices made are kept where they are still offered.
 */
import type { InstanceLaunchRequest, InstanceTypes, SSHKey } from "lambda-cloud";
import { h } from "../dom.js";
import { pricePerHour } from "../format.js";
import { sortedTypes } from "./catalog.js";

/** What the form calls. */
export interface LaunchFormHandlers {
  /** The form was opened: a good moment to refresh capacity. */
  readonly onOpen: () => void;
  /** A launch was asked for; not awaited. */
  readonly onLaunch: (request: InstanceLaunchRequest, typeDescription: string) => void;
}

/** The rendered form: feed it fresh catalogs and keys. */
export interface LaunchForm {
  /** Refills the choices, keeping the current ones where they are still available. */
  update(catalog: InstanceTypes, keys: readonly SSHKey[]): void;
}

/** Renders the toggle and the (closed) form into `container`. */
export function renderLaunchForm(container: HTMLElement, handlers: LaunchFormHandlers): LaunchForm {
  let catalog: InstanceTypes = {};
  const typeSelect = h("select", { name: "instance_type_name", required: true });
  const regionSelect = h("select", { name: "region_name", required: true });
  const keySelect = h("select", { name: "ssh_key_name", required: true });
  const nameInput = h("input", { name: "name", maxlength: 64, placeholder: "optional", autocomplete: "off" });
  const submit = h("button", { type: "submit" }, "Launch");

  const fillRegions = () => {
    const regions = catalog[typeSelect.value]?.regions_with_capacity_available ?? [];
    keepChoice(
      regionSelect,
      regions.map((region) => h("option", { value: region.name }, `${region.name} · ${region.description}`)),
    );
    regionSelect.disabled = regions.length === 0;
    submit.disabled = regions.length === 0 || keySelect.options.length === 0;
  };
  typeSelect.addEventListener("change", fillRegions);

  const form = h(
    "form",
    {
      class: "launch",
      id: "launch-form",
      "aria-label": "Launch an instance",
      hidden: true,
      onsubmit: (event) => {
        event.preventDefault();
        const name = nameInput.value.trim();
        nameInput.value = "";
        handlers.onLaunch(
          {
            instance_type_name: typeSelect.value,
            region_name: regionSelect.value,
            ssh_key_names: [keySelect.value],
            ...(name ? { name } : {}),
          },
          catalog[typeSelect.value]?.instance_type.description ?? typeSelect.value,
        );
      },
    },
    h("label", {}, "Instance type", typeSelect),
    h("label", {}, "Region", regionSelect),
    h("label", {}, "SSH key", keySelect),
    h("label", {}, "Name", nameInput),
    submit,
  );
  const toggle = h(
    "button",
    {
      type: "button",
      class: "launch-toggle",
      "aria-expanded": "false",
      "aria-controls": "launch-form",
      onclick: () => {
        form.hidden = !form.hidden;
        toggle.setAttribute("aria-expanded", String(!form.hidden));
        toggle.textContent = form.hidden ? "Launch instance" : "Close launch form";
        if (!form.hidden) handlers.onOpen();
      },
    },
    "Launch instance",
  );
  container.replaceChildren(toggle, form);

  return {
    update(nextCatalog, keys) {
      catalog = nextCatalog;
      const types = sortedTypes(catalog);
      keepChoice(
        typeSelect,
        types.map(({ instance_type: type, regions_with_capacity_available: regions }) =>
          h(
            "option",
            { value: type.name, disabled: regions.length === 0 },
            `${type.description} · ${pricePerHour(type.price_cents_per_hour)}${regions.length === 0 ? " · no capacity" : ""}`,
          ),
        ),
      );
      keepChoice(
        keySelect,
        keys.map((key) => h("option", { value: key.name }, key.name)),
      );
      fillRegions();
    },
  };
}

/** Replaces a select's options, keeping its value when an enabled option still has it, else choosing the first enabled one. */
function keepChoice(select: HTMLSelectElement, options: HTMLOptionElement[]): void {
  const previous = select.value;
  select.replaceChildren(...options);
  const enabled = options.filter((option) => !option.disabled);
  select.value = (enabled.find((option) => option.value === previous) ?? enabled[0])?.value ?? "";
}
