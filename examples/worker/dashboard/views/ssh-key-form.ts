/** Adds an SSH key: paste a public key to import it, or leave it empty to have Lambda Cloud generate a pair. */
import type { AddSSHKeyRequest } from "lambda-cloud";
import { h } from "../dom.js";

/** Renders the form into `container`; `onAdd` is not awaited, and the form is cleared at once. */
export function renderSSHKeyForm(container: HTMLElement, onAdd: (request: AddSSHKeyRequest) => void): void {
  const nameInput = h("input", {
    name: "ssh_key_name",
    required: true,
    maxlength: 64,
    autocomplete: "off",
    placeholder: "e.g. laptop",
  });
  const publicKey = h("textarea", {
    name: "public_key",
    rows: 2,
    maxlength: 4096,
    placeholder: "ssh-ed25519 AAAA… (leave empty to generate a pair)",
  });
  const form = h(
    "form",
    {
      class: "stack-form",
      "aria-label": "Add an SSH key",
      onsubmit: (event) => {
        event.preventDefault();
        const name = nameInput.value.trim();
        const key = publicKey.value.trim();
        if (!name) return;
        form.reset();
        onAdd(key ? { name, public_key: key } : { name });
      },
    },
    h("label", {}, "Name", nameInput),
    h("label", {}, "Public key", publicKey),
    h("button", { type: "submit" }, "Add or generate key"),
  );
  container.replaceChildren(form);
}
