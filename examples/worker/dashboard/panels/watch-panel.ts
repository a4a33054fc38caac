/**
 * Capacity watches: the list (reloaded every 5 s while one runs, every 30 s otherwise) and, with
 * writes, the start form and cancel buttons. The watches run in the Worker's gateway object,
 * whether or not this page is open.
 */

import type { Watch } from "../contracts.js";
import { byId } from "../dom.js";
import { showError, showNotice } from "../views/notices.js";
import { renderWatchForm } from "../views/watch-form.js";
import { renderWatches, renderWatchesUnavailable } from "../views/watches.js";
import { cancelWatch, isRunning, listWatches, startWatch, type WatchRequest } from "../watches.js";
import type { PanelContext } from "./context.js";
import type { KeysPanel } from "./keys-panel.js";

/** Milliseconds between reloads while a watch runs, and while none does. */
const ACTIVE_RELOAD_MS = 5_000;
const IDLE_RELOAD_MS = 30_000;

/** Redraws the start form (after the SSH keys change). */
export interface WatchPanel {
  updateForm(): void;
}

/** Starts the panel and loads the list; it stops reloading when this run of the dashboard ends. */
export function startWatchPanel(context: PanelContext, keys: KeysPanel): WatchPanel {
  const { session, signal } = context;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let deployed = true;
  signal.addEventListener("abort", () => clearTimeout(timer), { once: true });

  const load = async () => {
    clearTimeout(timer);
    let watches: readonly Watch[] = [];
    try {
      const answer = await listWatches(signal);
      if (answer === "not-deployed") {
        deployed = false;
        byId("watch-form").replaceChildren();
        return renderWatchesUnavailable(byId("watches"));
      }
      watches = answer;
      renderWatches(byId("watches"), watches, { writes: session.writes, onCancel: cancel });
    } catch (error) {
      if (signal.aborted) return;
      showError(error);
    }
    const running = watches.some(isRunning);
    if (!signal.aborted) timer = setTimeout(() => void load(), running ? ACTIVE_RELOAD_MS : IDLE_RELOAD_MS);
  };
  const act = async (what: () => Promise<Watch>, message: (watch: Watch) => string) => {
    try {
      showNotice("success", message(await what()));
      context.onWrite();
      await load();
    } catch (error) {
      showError(error);
    }
  };
  function start(request: WatchRequest): void {
    void act(
      () => startWatch(request),
      () => `Watch started for ${request.instance_types.join(", ")}`,
    );
  }
  function cancel(watch: Watch): void {
    void act(
      () => cancelWatch(watch.id),
      () => "Watch cancelled",
    );
  }
  const updateForm = () => {
    if (deployed && session.writes)
      renderWatchForm(
        byId("watch-form"),
        keys.latest.map((key) => key.name),
        start,
      );
  };

  updateForm();
  void load();
  return { updateForm };
}
