/**
 * The dashboard: asks the Worker what this session may do, then shows the catalog, SSH keys
 * and instances through the lambda-cloud client, refreshing instances every few seconds and
 * following launches and terminations with `waitFor`.
 */
import type { Instance, InstanceLaunchRequest } from "lambda-cloud";
import { createDashboardClient } from "./client.js";
import { adoptTokenFromFragment, rememberToken } from "./credentials.js";
import { byId, h } from "./dom.js";
import { shortId, timeOfDay } from "./format.js";
import { fetchSession, type Session } from "./session.js";
import { renderBadges } from "./views/badges.js";
import { renderCatalog } from "./views/catalog.js";
import { renderInstances } from "./views/instances.js";
import { renderLaunchForm } from "./views/launch-form.js";
import { showError, showNotice } from "./views/notices.js";
import { renderSSHKeys } from "./views/ssh-keys.js";
import { renderUnlock } from "./views/unlock.js";

/** How often the instance list is refreshed. */
const REFRESH_MS = 5_000;
/** How often a launching or terminating instance is polled. */
const FOLLOW_MS = 2_000;

/** Rebuilt by start(), so that a token entered in the unlock form is used from then on. */
let client = createDashboardClient();
let session: Session | undefined;
let instances: Instance[] = [];
let refreshing = false;
let polling: ReturnType<typeof setInterval> | undefined;

function drawInstances(): void {
  renderInstances(byId("instances"), instances, { writes: session?.writes === true, onTerminate: (instance) => void terminate(instance) });
}

/** Replaces one instance in the list (or adds it) and redraws. */
function upsert(instance: Instance): void {
  const index = instances.findIndex((known) => known.id === instance.id);
  if (index === -1) instances = [instance, ...instances];
  else instances[index] = instance;
  drawInstances();
}

async function refreshInstances(): Promise<void> {
  if (refreshing) return;
  refreshing = true;
  try {
    instances = await client.instances.list();
    drawInstances();
    byId("instances-updated").textContent = `Updated ${timeOfDay(new Date())}`;
  } catch (error) {
    showError(error);
  } finally {
    refreshing = false;
  }
}

function labelOf(instance: Pick<Instance, "id" | "name">): string {
  return instance.name || shortId(instance.id);
}

async function launch(request: InstanceLaunchRequest): Promise<void> {
  let id: string | undefined;
  try {
    [id] = (await client.instances.launch(request)).instance_ids;
  } catch (error) {
    showError(error);
    return;
  }
  if (!id) return;
  showNotice("info", `Launching ${request.name || shortId(id)}`, "It is booting; the list shows its status as it changes.");
  await refreshInstances();
  try {
    const ready = await client.instances.waitFor(id, { intervalMs: FOLLOW_MS, onPoll: upsert });
    upsert(ready);
    showNotice("success", `${labelOf(ready)} is active`, ready.ip ? `Connect with: ssh ubuntu@${ready.ip}` : "");
  } catch (error) {
    showError(error);
  }
}

async function terminate(instance: Instance): Promise<void> {
  try {
    const { terminated_instances: terminating } = await client.instances.terminate(instance.id);
    terminating.forEach(upsert);
    showNotice("info", `Terminating ${labelOf(instance)}`, "Its local disk is erased; filesystems are kept.");
    // Passing the instance (not its id) lets one that is already gone count as terminated.
    await client.instances.waitFor(terminating[0] ?? instance, { status: "terminated", intervalMs: FOLLOW_MS, onPoll: upsert });
    instances = instances.filter((known) => known.id !== instance.id);
    drawInstances();
    showNotice("success", `${labelOf(instance)} is terminated`);
  } catch (error) {
    showError(error);
  }
}

async function loadCatalogAndKeys(): Promise<void> {
  try {
    const [catalog, keys] = await Promise.all([client.instanceTypes.list(), client.sshKeys.list()]);
    renderCatalog(byId("types"), catalog);
    renderSSHKeys(byId("ssh-keys"), keys);
    if (session?.writes) renderLaunchForm(byId("launch"), catalog, keys, launch);
    else byId("launch").replaceChildren();
  } catch (error) {
    showError(error);
  }
}

function showLocked(current: Session): void {
  renderUnlock(byId("launch"), current, async (token) => {
    rememberToken(token);
    await start();
    if (!session?.authorized) showNotice("error", "Token not accepted", "Check the DASHBOARD_TOKEN you entered and try again.");
  });
  const locked = () => h("p", { class: "empty" }, "Sign in to see this.");
  for (const id of ["instances", "types", "ssh-keys"]) byId(id).replaceChildren(locked());
}

async function start(): Promise<void> {
  client = createDashboardClient();
  try {
    session = await fetchSession();
  } catch (error) {
    showError(error);
    return;
  }
  renderBadges(session);
  if (!session.authorized) {
    showLocked(session);
    return;
  }
  await Promise.all([loadCatalogAndKeys(), refreshInstances()]);
  polling ??= setInterval(() => {
    if (!document.hidden) void refreshInstances();
  }, REFRESH_MS);
}

adoptTokenFromFragment();
void start();
