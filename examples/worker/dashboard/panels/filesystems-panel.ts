/** Filesystems: list; with writes, create (in a region the account can use) and delete. */
import type { CreateFilesystemRequest, Filesystem } from "lambda-cloud";
import { performWrite } from "../actions.js";
import { byId } from "../dom.js";
import { operationRoutes } from "../contracts.js";
import { renderFilesystemForm } from "../views/filesystem-form.js";
import { renderFilesystems } from "../views/filesystems.js";
import { showError, showNotice } from "../views/notices.js";
import { showUpdated, type PanelContext } from "./context.js";

/** Starts the panel and loads it (and, with writes, the regions for the create form). */
export async function startFilesystemsPanel(context: PanelContext): Promise<void> {
  const { client, session } = context;
  let latest: readonly Filesystem[] = [];
  const draw = () => renderFilesystems(byId("filesystems"), latest, { writes: session.writes, onDelete: remove });
  const refresh = async () => {
    try {
      latest = await client.filesystems.list({ signal: context.signal });
      draw();
      showUpdated(context, "filesystems-updated", operationRoutes.listFilesystems);
    } catch (error) {
      if (!context.signal.aborted) showError(error);
    }
  };
  const written = async (message: string) => {
    showNotice("success", message);
    context.onWrite();
    await refresh();
  };
  function create(request: CreateFilesystemRequest): void {
    void performWrite((options) => client.filesystems.create(request, options), { done: (created) => written(`Filesystem ${created.name} created`) });
  }
  function remove(filesystem: Filesystem): void {
    void performWrite((options) => client.filesystems.delete(filesystem.id, options), { done: () => written(`Filesystem ${filesystem.name} deleted`) });
  }

  byId("filesystem-form").replaceChildren();
  await refresh();
  if (!session.writes) return;
  try {
    renderFilesystemForm(byId("filesystem-form"), await client.regions.list({ signal: context.signal }), create);
  } catch (error) {
    if (!context.signal.aborted) showError(error);
  }
}
