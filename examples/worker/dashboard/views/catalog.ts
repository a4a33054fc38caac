/** The instance types with their price and the regions that have capacity for them now. */

import type { InstanceTypes } from "lambda-cloud";
import { h } from "../dom.js";
import { pricePerHour } from "../format.js";

/** The catalog's entries, cheapest first. */
export function sortedTypes(catalog: InstanceTypes): InstanceTypes[string][] {
  return Object.values(catalog).sort(
    (a, b) => a.instance_type.price_cents_per_hour - b.instance_type.price_cents_per_hour,
  );
}

/** Renders the instance-type list into `container`. */
export function renderCatalog(container: HTMLElement, catalog: InstanceTypes): void {
  const items = sortedTypes(catalog).map(({ instance_type: type, regions_with_capacity_available: regions }) =>
    h(
      "li",
      { class: "type", "data-type": type.name },
      h(
        "div",
        { class: "type-head" },
        h("span", {}, h("span", { class: "type-name" }, type.description), h("span", { class: "sub mono" }, type.name)),
        h("span", { class: "price" }, pricePerHour(type.price_cents_per_hour)),
      ),
      h(
        "div",
        { class: "sub muted" },
        `${type.specs.vcpus} vCPU · ${type.specs.memory_gib} GiB RAM · ${type.specs.storage_gib.toLocaleString("en-US")} GiB disk`,
      ),
      h(
        "div",
        { class: "chips" },
        ...(regions.length > 0
          ? regions.map((region) => h("span", { class: "chip", title: region.description }, region.name))
          : [h("span", { class: "chip none" }, "No capacity now")]),
      ),
    ),
  );
  container.replaceChildren(h("ul", { class: "types" }, ...items));
}
