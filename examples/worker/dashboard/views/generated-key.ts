/**
 * A generated key pair's private key, shown once: Lambda Cloud returns it only in the answer
 * that created it, and the dashboard keeps it nowhere but this box, with a download button.
 */
import type { GeneratedSSHKey } from "lambda-cloud";
import { h } from "../dom.js";

/** Shows the private key in `container` until the user closes it. */
export function showGeneratedKey(container: HTMLElement, key: GeneratedSSHKey): void {
  const url = URL.createObjectURL(
    new Blob([key.private_key.endsWith("\n") ? key.private_key : `${key.private_key}\n`], {
      type: "application/x-pem-file",
    }),
  );
  const close = () => {
    URL.revokeObjectURL(url);
    container.replaceChildren();
  };
  const fileName = `${key.name}.pem`;
  container.replaceChildren(
    h(
      "section",
      { class: "generated-key", "aria-labelledby": "generated-key-title", role: "region" },
      h("h3", { id: "generated-key-title" }, `Private key of “${key.name}”`),
      h(
        "p",
        { class: "small" },
        "Shown only this once: Lambda Cloud does not keep it. Download it now, then run ",
        h("code", {}, `chmod 600 ${fileName}`),
        ".",
      ),
      h(
        "textarea",
        { readonly: true, rows: 4, class: "mono", "aria-label": "Private key", spellcheck: "false" },
        key.private_key,
      ),
      h(
        "div",
        { class: "row-buttons" },
        h(
          "a",
          { class: "button", href: url, download: fileName, "data-action": "download-private-key" },
          `Download ${fileName}`,
        ),
        h("button", { type: "button", class: "quiet", onclick: close }, "I saved it, close"),
      ),
    ),
  );
}
