/**
 * The instances panel: the list (live from the gateway, or polled), the launch form, and the
 * lifecycle of what this tab starts. A launch returns control at once: its row appears as
 * "requested", becomes the instance's row when the id is known, and counts the time until the
 * instance is active, against the typical boot time of its type. Restart and terminate act on
 * one row each; every write carries its action's idempotency key.
 */
import { type Instance, type InstanceLaunchRequest, InsufficientCapacityError } from "lambda-cloud";
import { newAction, performWrite } from "../actions.js";
import { recordBoot } from "../boot-times.js";
import { operationRoutes, REFRESH_HEADER } from "../contracts.js";
import { byId } from "../dom.js";
import { shortId } from "../format.js";
import { startInstanceFeed } from "../instance-feed.js";
import { Lifecycle, labelOf } from "../lifecycle.js";
import { followLiveInstances } from "../live-instances.js";
import { type PendingLaunch, renderInstances } from "../views/instances.js";
import { type LaunchForm, renderLaunchForm } from "../views/launch-form.js";
import { tickElapsed } from "../views/launch-progress.js";
import { showError, showNotice } from "../views/notices.js";
import type { CatalogPanel } from "./catalog-panel.js";
import { type PanelContext, showUpdated } from "./context.js";
import type { KeysPanel } from "./keys-panel.js";

/** What the panel needs from its neighbours. */
export interface InstancesPanelDependencies {
  readonly catalog: CatalogPanel;
  readonly keys: KeysPanel;
}

/** The panel's handle: refill the launch form after the catalog or the keys changed. */
export interface InstancesPanel {
  updateLaunchForm(): void;
}

const POLL_MS = 5_000;
const TICK_MS = 1_000;

/** Starts the panel: the feed, the ticker and (with writes) the launch form. */
export function startInstancesPanel(
  context: PanelContext,
  { catalog, keys }: InstancesPanelDependencies,
): InstancesPanel {
  const { client, session, signal } = context;
  let instances: Instance[] = [];
  const lifecycle = new Lifecycle();

  const draw = () =>
    renderInstances(byId("instances"), instances, {
      writes: session.writes,
      pending: lifecycle.pending,
      launchedAt: (id) => lifecycle.launchedAt(id),
      onRestart: restart,
      onTerminate: terminate,
    });

  /** Takes a new list, and announces what this tab was waiting for. */
  const apply = (list: Instance[]) => {
    for (const event of lifecycle.observe(list)) {
      if (event.kind === "terminated") showNotice("success", `${event.label} is terminated`);
      else if (event.kind === "failed") {
        showNotice(
          "error",
          `${labelOf(event.instance)} is ${event.instance.status}`,
          "It did not become active. Terminate it and launch again.",
        );
      } else {
        recordBoot(event.instance.instance_type.name, event.bootMs);
        const { ip } = event.instance;
        showNotice("success", `${labelOf(event.instance)} is active`, ip ? `Connect with: ssh ubuntu@${ip}` : "");
      }
    }
    instances = list;
    draw();
  };

  const poll = async (background: boolean) => {
    try {
      apply(
        await client.instances.list(
          {},
          { signal, ...(background ? { headers: { [REFRESH_HEADER]: "background" } } : {}) },
        ),
      );
      showUpdated(context, "instances-updated", operationRoutes.listInstances);
    } catch (error) {
      if (!signal.aborted) showError(error);
    }
  };

  function launch(request: InstanceLaunchRequest, typeDescription: string): void {
    const startedAt = Date.now();
    const action = newAction();
    const key = action.idempotencyKey;
    const row: PendingLaunch = {
      key,
      name: request.name,
      typeName: request.instance_type_name,
      typeDescription,
      region: request.region_name,
      startedAt,
    };
    void performWrite(
      (options) => {
        lifecycle.sent(row);
        draw();
        return client.instances.launch(request, options);
      },
      {
        done: async ({ instance_ids: ids }) => {
          const [id] = ids;
          lifecycle.answered(key, id);
          showNotice(
            "info",
            `Launching ${request.name || (id ? shortId(id) : "an instance")}`,
            "Its row shows its progress.",
          );
          context.onWrite();
          await Promise.all([poll(false), catalog.refresh()]);
        },
        failed: (error) => {
          lifecycle.failed(key);
          draw();
          if (error instanceof InsufficientCapacityError) void catalog.refresh();
        },
      },
      action,
    );
  }

  function restart(instance: Instance): void {
    void performWrite((options) => client.instances.restart(instance.id, options), {
      done: async () => {
        showNotice("info", `Restarting ${labelOf(instance)}`, "It reboots in place; its disks are kept.");
        context.onWrite();
        await poll(false);
      },
    });
  }

  function terminate(instance: Instance): void {
    void performWrite((options) => client.instances.terminate(instance.id, options), {
      done: async ({ terminated_instances: changed }) => {
        lifecycle.terminating(instance);
        showNotice("info", `Terminating ${labelOf(instance)}`, "Its local disk is erased; filesystems are kept.");
        context.onWrite();
        apply(instances.map((known) => changed.find((update) => update.id === known.id) ?? known));
        await poll(false);
      },
    });
  }

  let form: LaunchForm | undefined;
  if (session.writes)
    form = renderLaunchForm(byId("launch"), { onOpen: () => void catalog.refresh(), onLaunch: launch });
  else byId("launch").replaceChildren();

  const ticker = setInterval(() => tickElapsed(byId("instances")), TICK_MS);
  signal.addEventListener("abort", () => clearInterval(ticker), { once: true });
  startInstanceFeed({
    follow: followLiveInstances,
    poll,
    pollMs: POLL_MS,
    signal,
    onMode: (mode) => {
      byId("instances-updated").title =
        mode === "live"
          ? "Live: the Worker's gateway pushes every change."
          : `Polled every ${POLL_MS / 1000} s: this Worker sends no live updates (yet).`;
    },
    onInstances: (list, ageMs) => {
      apply(list);
      byId("instances-updated").textContent = `Live · data ${Math.round(ageMs / 1000)} s old`;
    },
  });

  return {
    updateLaunchForm() {
      if (form && catalog.latest) form.update(catalog.latest, keys.latest);
    },
  };
}
