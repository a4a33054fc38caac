/** An instance's details: addresses, Jupyter, filesystems, SSH keys and tags. */
import type { Instance } from "lambda-cloud";
import { type Child, h } from "../dom.js";

/** A definition list of what the table does not show. */
export function instanceDetails(instance: Instance): HTMLDListElement {
  const entries: [string, Child][] = [
    ["Instance id", h("span", { class: "mono wrap" }, instance.id)],
    ["Public IP", instance.ip ? h("span", { class: "mono" }, instance.ip) : "not yet assigned"],
    ["Private IP", instance.private_ip ? h("span", { class: "mono" }, instance.private_ip) : "—"],
    ["Hostname", instance.hostname ? h("span", { class: "mono wrap" }, instance.hostname) : "—"],
    // The Jupyter URL holds the Jupyter token: it is a link, never shown as text.
    [
      "Jupyter",
      instance.jupyter_url
        ? h("a", { href: instance.jupyter_url, target: "_blank", rel: "noopener noreferrer" }, "Open JupyterLab")
        : "—",
    ],
    ["Filesystems", list(instance.file_system_names)],
    ["Mounted at", list((instance.file_system_mounts ?? []).map((mount) => mount.mount_point))],
    ["SSH keys", list(instance.ssh_key_names)],
    ["Tags", list((instance.tags ?? []).map((tag) => `${tag.key}: ${tag.value}`))],
    ["SSH", instance.ip ? h("code", { class: "wrap" }, `ssh ubuntu@${instance.ip}`) : "—"],
  ];
  return h(
    "dl",
    { class: "details-list" },
    ...entries.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]),
  );
}

function list(items: readonly string[]): Child {
  return items.length === 0 ? "none" : h("ul", { class: "inline-list" }, ...items.map((item) => h("li", {}, item)));
}
