/**
 * A two-step button for destructive actions: the first click arms it ("Confirm …"), a second
 * click within a few seconds runs the action. The armed state survives re-renders of the list.
 */
import { h } from "../dom.js";

/** How long a first click waits for the confirming click. */
const CONFIRM_WINDOW_MS = 5_000;
/** Armed buttons, by `action:id`. */
const armed = new Set<string>();

/** What {@link confirmButton} shows and does. */
export interface ConfirmButtonOptions {
  /** What the button does, e.g. `"terminate"`; also its `data-action`. */
  readonly action: string;
  /** The id of the thing acted on. */
  readonly id: string;
  /** The label, e.g. `"Terminate"`; armed, it reads `"Confirm terminate"`. */
  readonly label: string;
  /** What the button names, for screen readers, e.g. `"trainer"`. */
  readonly subject: string;
  /** Runs on the confirming click. */
  readonly onConfirm: () => void;
  /** Redraws the list the button is in, so that arming and disarming show. */
  readonly redraw: () => void;
}

/** A danger button that asks for a second click. */
export function confirmButton(options: ConfirmButtonOptions): HTMLButtonElement {
  const key = `${options.action}:${options.id}`;
  const confirming = armed.has(key);
  const label = confirming ? `Confirm ${options.label.toLowerCase()}` : options.label;
  return h(
    "button",
    {
      type: "button",
      class: confirming ? "danger confirm" : "danger",
      "data-action": options.action,
      "data-target": options.id,
      "aria-label": `${label} ${options.subject}`,
      onclick: () => {
        if (armed.delete(key)) {
          options.onConfirm();
          return;
        }
        armed.add(key);
        setTimeout(() => armed.delete(key) && options.redraw(), CONFIRM_WINDOW_MS);
        options.redraw();
        // The redraw made a new button: keep the keyboard focus on it.
        document
          .querySelector<HTMLElement>(
            `button[data-action="${options.action}"][data-target="${CSS.escape(options.id)}"]`,
          )
          ?.focus();
      },
    },
    label,
  );
}
