/** Creates a filesystem in a region. */
import type { CreateFilesystemRequest, Region } from "lambda-cloud";
import { h } from "../dom.js";

/** Renders the form into `container`; `onCreate` is not awaited, and the name is cleared at once. */
export function renderFilesystemForm(
  container: HTMLElement,
  regions: readonly Region[],
  onCreate: (request: CreateFilesystemRequest) => void,
): void {
  const nameInput = h("input", {
    name: "filesystem_name",
    required: true,
    maxlength: 60,
    pattern: "[a-zA-Z]+[0-9a-zA-Z\\-]*",
    title: "A letter first, then letters, digits and '-'",
    autocomplete: "off",
    placeholder: "e.g. datasets",
  });
  const regionSelect = h(
    "select",
    { name: "filesystem_region", required: true },
    ...regions.map((region) => h("option", { value: region.name }, `${region.name} · ${region.description}`)),
  );
  const form = h(
    "form",
    {
      class: "stack-form",
      "aria-label": "Create a filesystem",
      onsubmit: (event) => {
        event.preventDefault();
        const name = nameInput.value.trim();
        if (!name) return;
        nameInput.value = "";
        onCreate({ name, region: regionSelect.value });
      },
    },
    h("label", {}, "Name", nameInput),
    h("label", {}, "Region", regionSelect),
    h("button", { type: "submit" }, "Create filesystem"),
  );
  container.replaceChildren(form);
}
