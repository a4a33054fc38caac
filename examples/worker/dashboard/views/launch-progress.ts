/** A launching instance's progress: its status, the time since the launch click, and how long its type usually takes. */
import { DOCUMENTED_BOOT, typicalBootMs } from "../boot-times.js";
import { h } from "../dom.js";
import { duration } from "../format.js";

/** `"0:42 elapsed · typically 1:05"` (or the API's guidance until a boot of the type was seen). */
export function launchProgress(startedAt: number, typeName: string, now = Date.now()): HTMLElement {
  const typical = typicalBootMs(typeName);
  return h(
    "span",
    { class: "progress sub" },
    h("span", { class: "elapsed", "data-since": startedAt }, duration(now - startedAt)),
    " elapsed · ",
    typical === undefined ? DOCUMENTED_BOOT : `typically ${duration(typical)}`,
  );
}

/** Updates every elapsed-time counter under `root`; run once a second. */
export function tickElapsed(root: ParentNode, now = Date.now()): void {
  for (const counter of root.querySelectorAll<HTMLElement>(".elapsed[data-since]")) {
    counter.textContent = duration(now - Number(counter.dataset.since));
  }
}
