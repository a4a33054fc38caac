/** The account's SSH keys. */
import { h } from "../dom.js";
import type { SSHKey } from "lambda-cloud";

/** Renders the SSH key list into `container`. */
export function renderSSHKeys(container: HTMLElement, keys: readonly SSHKey[]): void {
  if (keys.length === 0) {
    container.replaceChildren(h("p", { class: "empty" }, "No SSH keys yet. Add one in the Lambda Cloud console or with the client."));
    return;
  }
  const items = keys.map((key) =>
    h("li", { "data-ssh-key": key.name }, h("span", { class: "key-name" }, key.name), h("span", { class: "mono", title: key.public_key }, key.public_key)),
  );
  container.replaceChildren(h("ul", { class: "keys" }, ...items));
}
