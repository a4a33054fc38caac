/**
 * Messages above the panels: errors stay until closed, the others fade after a while. A notice
 * identical to one on screen replaces it rather than stacking; notices of a `topic` can be
 * cleared together (e.g. "token not accepted" once an unlock succeeds).
 */
import { describeError } from "../describe-error.js";
import { byId, h } from "../dom.js";

/** How a notice looks. */
export type NoticeKind = "error" | "info" | "success";

/** A button on a notice, e.g. "Try again". */
export interface NoticeAction {
  readonly label: string;
  readonly run: () => void;
}

/** Extras of {@link showNotice}. */
export interface NoticeOptions {
  /** A group name for {@link clearNotices}. */
  readonly topic?: string;
  /** A button that runs something and closes the notice. */
  readonly action?: NoticeAction;
}

const FADE_AFTER_MS = 8_000;
const MAX_NOTICES = 4;

/** Shows a notice with a headline and a detail line. */
export function showNotice(kind: NoticeKind, title: string, detail = "", options: NoticeOptions = {}): void {
  const container = byId("notices");
  const identity = JSON.stringify([kind, title, detail]);
  for (const same of container.querySelectorAll<HTMLElement>(".notice"))
    if (same.dataset.identity === identity) same.remove();
  const { action, topic } = options;
  const notice = h(
    "div",
    { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status", "data-topic": topic },
    h("div", {}, h("strong", {}, title), detail),
    h(
      "div",
      { class: "notice-actions" },
      action &&
        h(
          "button",
          {
            type: "button",
            class: "quiet",
            onclick: () => {
              notice.remove();
              action.run();
            },
          },
          action.label,
        ),
      h("button", { type: "button", class: "dismiss", "aria-label": "Dismiss", onclick: () => notice.remove() }, "×"),
    ),
  );
  notice.dataset.identity = identity;
  container.prepend(notice);
  while (container.children.length > MAX_NOTICES) container.lastElementChild?.remove();
  if (kind !== "error") setTimeout(() => notice.remove(), FADE_AFTER_MS);
}

/** Shows what went wrong, in words from {@link describeError}. */
export function showError(error: unknown, options: NoticeOptions = {}): void {
  const { title, detail } = describeError(error);
  showNotice("error", title, detail, options);
}

/** Removes every notice of `topic`. */
export function clearNotices(topic: string): void {
  for (const notice of byId("notices").querySelectorAll<HTMLElement>(".notice"))
    if (notice.dataset.topic === topic) notice.remove();
}
