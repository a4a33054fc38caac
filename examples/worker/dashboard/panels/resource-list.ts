/** A panel's list of one kind of resource: loaded, drawn and stamped "Updated", and loaded again after each write. */
import type { OperationRoute } from "../contracts.js";
import { showError, showNotice } from "../views/notices.js";
import { type PanelContext, showUpdated } from "./context.js";

/** How to load and show the list. */
export interface ResourceListOptions<T> {
  /** Reads the list. */
  readonly load: (signal: AbortSignal) => Promise<readonly T[]>;
  /** Draws the list just loaded. */
  readonly draw: (items: readonly T[]) => void;
  /** The element of the panel's "Updated" line, and the list operation whose answer age it shows. */
  readonly updated: { readonly elementId: string; readonly operation: OperationRoute };
  /** Runs after every successful load. */
  readonly onLoad?: () => void;
}

/** The list as last loaded, and the ways to load it again. */
export interface ResourceList<T> {
  readonly latest: readonly T[];
  /** Loads and draws the list; a failure is shown as a notice (unless this run of the dashboard ended). */
  refresh(): Promise<void>;
  /** After a successful write: shows `message`, tells the dashboard (`onWrite`) and loads the list again. */
  written(message: string): Promise<void>;
}

/** Creates the list; nothing is loaded until the first `refresh()`. */
export function createResourceList<T>(context: PanelContext, options: ResourceListOptions<T>): ResourceList<T> {
  let latest: readonly T[] = [];
  const refresh = async () => {
    try {
      latest = await options.load(context.signal);
      options.draw(latest);
      showUpdated(context, options.updated.elementId, options.updated.operation);
      options.onLoad?.();
    } catch (error) {
      if (!context.signal.aborted) showError(error);
    }
  };
  return {
    get latest() {
      return latest;
    },
    refresh,
    async written(message) {
      showNotice("success", message);
      context.onWrite();
      await refresh();
    },
  };
}
