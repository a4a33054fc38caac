/** Filesystems: list; with writes, create (in a region the account can use) and delete. */
import type { CreateFilesystemRequest, Filesystem } from "lambda-cloud";
import { performWrite } from "../actions.js";
import { operationRoutes } from "../contracts.js";
import { byId } from "../dom.js";
import { renderFilesystemForm } from "../views/filesystem-form.js";
import { renderFilesystems } from "../views/filesystems.js";
import { showError } from "../views/notices.js";
import type { PanelContext } from "./context.js";
import { createResourceList } from "./resource-list.js";

/** Starts the panel and loads it (and, with writes, the regions for the create form). */
export async function startFilesystemsPanel(context: PanelContext): Promise<void> {
  const { client, session } = context;
  const list = createResourceList(context, {
    load: (signal) => client.filesystems.list({ signal }),
    draw: (filesystems) =>
      renderFilesystems(byId("filesystems"), filesystems, { writes: session.writes, onDelete: remove }),
    updated: { elementId: "filesystems-updated", operation: operationRoutes.listFilesystems },
  });
  function create(request: CreateFilesystemRequest): void {
    void performWrite((options) => client.filesystems.create(request, options), {
      done: (created) => list.written(`Filesystem ${created.name} created`),
    });
  }
  function remove(filesystem: Filesystem): void {
    void performWrite((options) => client.filesystems.delete(filesystem.id, options), {
      done: () => list.written(`Filesystem ${filesystem.name} deleted`),
    });
  }

  byId("filesystem-form").replaceChildren();
  await list.refresh();
  if (!session.writes) return;
  try {
    renderFilesystemForm(byId("filesystem-form"), await client.regions.list({ signal: context.signal }), create);
  } catch (error) {
    if (!context.signal.aborted) showError(error);
  }
}
