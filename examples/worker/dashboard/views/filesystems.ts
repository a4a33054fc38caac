/** The account's filesystems, with a two-step delete (for those no instance uses) when writes are allowed. */
import type { Filesystem } from "lambda-cloud";
import { h } from "../dom.js";
import { bytes } from "../format.js";
import { confirmButton } from "./confirm-button.js";

/** What the list may do. */
export interface FilesystemListOptions {
  /** Show delete buttons. */
  readonly writes: boolean;
  /** Called on the confirming click of Delete. */
  readonly onDelete: (filesystem: Filesystem) => void;
}

/** Renders the filesystem list into `container`. */
export function renderFilesystems(
  container: HTMLElement,
  filesystems: readonly Filesystem[],
  options: FilesystemListOptions,
): void {
  const redraw = () => renderFilesystems(container, filesystems, options);
  if (filesystems.length === 0) {
    container.replaceChildren(h("p", { class: "empty" }, "No filesystems."));
    return;
  }
  const items = filesystems.map((filesystem) =>
    h(
      "li",
      { "data-filesystem": filesystem.name },
      h(
        "div",
        { class: "item-text" },
        h("span", { class: "key-name" }, filesystem.name),
        h(
          "span",
          { class: "sub" },
          `${filesystem.region.name} · ${filesystem.mount_point}${filesystem.bytes_used === undefined ? "" : ` · ${bytes(filesystem.bytes_used)} used`}`,
        ),
      ),
      filesystem.is_in_use
        ? h("span", { class: "chip", title: "Mounted by an instance; terminate it before deleting" }, "in use")
        : options.writes
          ? confirmButton({
              action: "delete-filesystem",
              id: filesystem.id,
              label: "Delete",
              subject: filesystem.name,
              onConfirm: () => options.onDelete(filesystem),
              redraw,
            })
          : null,
    ),
  );
  container.replaceChildren(h("ul", { class: "items" }, ...items));
}
