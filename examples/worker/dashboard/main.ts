/**
 * The dashboard: asks the Worker what this session may do, then starts the panels (instances
 * with the launch form, catalog, SSH keys, filesystems, capacity watches, audit trail) through the lambda-cloud
 * client. A token that the Worker does not accept is said so, with where a valid one comes from.
 */
import { createDashboardClient } from "./client.js";
import { adoptTokenFromFragment, dashboardToken, forgetToken, rememberToken } from "./credentials.js";
import { byId, h } from "./dom.js";
import { type AuditPanel, createAuditPanel } from "./panels/audit-panel.js";
import { createCatalogPanel } from "./panels/catalog-panel.js";
import type { PanelContext } from "./panels/context.js";
import { startFilesystemsPanel } from "./panels/filesystems-panel.js";
import { type InstancesPanel, startInstancesPanel } from "./panels/instances-panel.js";
import { createKeysPanel } from "./panels/keys-panel.js";
import { startWatchPanel, type WatchPanel } from "./panels/watch-panel.js";
import { fetchSession, type Session } from "./session.js";
import { renderBadges } from "./views/badges.js";
import { clearNotices, showError, showNotice } from "./views/notices.js";
import { renderUnlock } from "./views/unlock.js";

/** The notice topic of "token not accepted", cleared by a successful unlock. */
const TOKEN_TOPIC = "token";
/** The panels that show nothing while locked. */
const LOCKED_PANELS = ["instances", "types", "ssh-keys", "filesystems", "watches", "audit"] as const;

/** Ends the previous run's timers and feeds when the dashboard restarts after an unlock. */
let run: AbortController | undefined;

function tokenNotAccepted(session: Session): void {
  const where =
    session.upstream === "simulator"
      ? "npm start prints a link with a valid token each time it starts (the token changes on every run)."
      : "Use the DASHBOARD_TOKEN secret set on this Worker (npx wrangler secret put DASHBOARD_TOKEN).";
  showNotice("error", "Token not accepted", `This Worker did not accept the dashboard token. ${where}`, {
    topic: TOKEN_TOPIC,
  });
}

function showLocked(session: Session): void {
  renderUnlock(byId("launch"), session, async (token) => {
    rememberToken(token);
    await start();
  });
  for (const id of LOCKED_PANELS) byId(id).replaceChildren(h("p", { class: "empty" }, "Sign in to see this."));
  for (const id of ["ssh-key-form", "filesystem-form", "generated-key", "watch-form"]) byId(id).replaceChildren();
}

function startPanels(session: Session, signal: AbortSignal): void {
  const { client, ages } = createDashboardClient();
  let audit: AuditPanel | undefined;
  let instances: InstancesPanel | undefined;
  let watches: WatchPanel | undefined;
  const context: PanelContext = { client, ages, session, signal, onWrite: () => void audit?.reload() };
  const updateForm = () => instances?.updateLaunchForm();
  const catalog = createCatalogPanel(context, updateForm);
  const keys = createKeysPanel(context, () => {
    updateForm();
    watches?.updateForm();
  });
  instances = startInstancesPanel(context, { catalog, keys });
  watches = startWatchPanel(context, keys);
  byId("audit-panel").hidden = !session.writes;
  if (session.writes) audit = createAuditPanel();
  void Promise.all([catalog.refresh(), keys.refresh(), startFilesystemsPanel(context)]);
}

async function start(): Promise<void> {
  run?.abort();
  const current = new AbortController();
  run = current;
  const token = dashboardToken();
  let session: Session;
  try {
    session = await fetchSession();
  } catch (error) {
    showError(error);
    return;
  }
  // Another unlock started while this one waited: its answer is the one that counts.
  if (current.signal.aborted) return;
  renderBadges(session);
  if (!session.authorized) {
    if (token !== undefined) {
      forgetToken();
      tokenNotAccepted(session);
    }
    showLocked(session);
    return;
  }
  clearNotices(TOKEN_TOPIC);
  startPanels(session, current.signal);
}

adoptTokenFromFragment();
void start();
