/** The account's SSH keys, with a two-step delete when writes are allowed. */
import type { SSHKey } from "lambda-cloud";
import { h } from "../dom.js";
import { confirmButton } from "./confirm-button.js";

/** What the list may do. */
export interface SSHKeyListOptions {
  /** Show delete buttons. */
  readonly writes: boolean;
  /** Called on the confirming click of Delete. */
  readonly onDelete: (key: SSHKey) => void;
}

/** Renders the SSH key list into `container`. */
export function renderSSHKeys(container: HTMLElement, keys: readonly SSHKey[], options: SSHKeyListOptions): void {
  const redraw = () => renderSSHKeys(container, keys, options);
  if (keys.length === 0) {
    container.replaceChildren(
      h("p", { class: "empty" }, options.writes ? "No SSH keys yet. Add or generate one below." : "No SSH keys yet."),
    );
    return;
  }
  const items = keys.map((key) =>
    h(
      "li",
      { "data-ssh-key": key.name },
      h(
        "div",
        { class: "item-text" },
        h("span", { class: "key-name" }, key.name),
        h("span", { class: "mono ellipsis", title: key.public_key }, key.public_key),
      ),
      options.writes
        ? confirmButton({
            action: "delete-ssh-key",
            id: key.id,
            label: "Delete",
            subject: key.name,
            onConfirm: () => options.onDelete(key),
            redraw,
          })
        : null,
    ),
  );
  container.replaceChildren(h("ul", { class: "items" }, ...items));
}
