/** Messages above the panels: errors stay until closed, the others fade after a while. */
import { describeError } from "../describe-error.js";
import { byId, h } from "../dom.js";

/** How a notice looks. */
export type NoticeKind = "error" | "info" | "success";

const FADE_AFTER_MS = 8_000;
const MAX_NOTICES = 4;

/** Shows a notice with a headline and a detail line. */
export function showNotice(kind: NoticeKind, title: string, detail = ""): void {
  const container = byId("notices");
  const notice = h(
    "div",
    { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status" },
    h("div", {}, h("strong", {}, title), detail),
    h("button", { type: "button", "aria-label": "Dismiss", onclick: () => notice.remove() }, "×"),
  );
  container.prepend(notice);
  while (container.children.length > MAX_NOTICES) container.lastElementChild?.remove();
  if (kind !== "error") setTimeout(() => notice.remove(), FADE_AFTER_MS);
}

/** Shows what went wrong, in words from {@link describeError}. */
export function showError(error: unknown): void {
  const { title, detail } = describeError(error);
  showNotice("error", title, detail);
}
