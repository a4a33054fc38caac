/** The instance-type catalog: loaded at start, when the launch form opens, after launches and after every capacity error. */
import type { InstanceTypes } from "lambda-cloud";
import { operationRoutes } from "../contracts.js";
import { byId } from "../dom.js";
import { renderCatalog } from "../views/catalog.js";
import { showError } from "../views/notices.js";
import { type PanelContext, showUpdated } from "./context.js";

/** The catalog as last loaded, and a way to load it again. */
export interface CatalogPanel {
  readonly latest: InstanceTypes | undefined;
  /** Reloads capacity and prices; calls made while a load is under way share one more load after it. */
  refresh(): Promise<void>;
}

/** Starts the panel; `onChange` runs after every load. */
export function createCatalogPanel(context: PanelContext, onChange: () => void): CatalogPanel {
  let latest: InstanceTypes | undefined;
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  const load = async () => {
    try {
      latest = await context.client.instanceTypes.list({ signal: context.signal });
      renderCatalog(byId("types"), latest);
      showUpdated(context, "types-updated", operationRoutes.listInstanceTypes);
      onChange();
    } catch (error) {
      if (!context.signal.aborted) showError(error);
    }
  };
  /** A load already under way may predate what prompted this one (a capacity error): queue one more after it, at most one. */
  const refresh = (): Promise<void> => {
    if (!running) {
      running = load().finally(() => (running = undefined));
      return running;
    }
    queued ??= running.then(() => {
      queued = undefined;
      return refresh();
    });
    return queued;
  };
  return {
    get latest() {
      return latest;
    },
    refresh,
  };
}
