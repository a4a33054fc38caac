/** SSH keys: list; with writes, add, generate (showing the private key once) and delete. */
import type { AddSSHKeyRequest, GeneratedSSHKey, SSHKey } from "lambda-cloud";
import { performWrite } from "../actions.js";
import { operationRoutes } from "../contracts.js";
import { byId } from "../dom.js";
import { showGeneratedKey } from "../views/generated-key.js";
import { renderSSHKeyForm } from "../views/ssh-key-form.js";
import { renderSSHKeys } from "../views/ssh-keys.js";
import type { PanelContext } from "./context.js";
import { createResourceList } from "./resource-list.js";

/** The keys as last loaded, and a way to load them again. */
export interface KeysPanel {
  readonly latest: readonly SSHKey[];
  refresh(): Promise<void>;
}

/** Starts the panel; `onChange` runs after every load. */
export function createKeysPanel(context: PanelContext, onChange: () => void): KeysPanel {
  const { client, session } = context;
  const list = createResourceList(context, {
    load: (signal) => client.sshKeys.list({ signal }),
    draw: (keys) => renderSSHKeys(byId("ssh-keys"), keys, { writes: session.writes, onDelete: remove }),
    updated: { elementId: "keys-updated", operation: operationRoutes.listSSHKeys },
    onLoad: onChange,
  });
  function add(request: AddSSHKeyRequest): void {
    void performWrite((options) => client.sshKeys.create(request, options), {
      done: async (key) => {
        if (isGenerated(key)) showGeneratedKey(byId("generated-key"), key);
        await list.written(`SSH key ${key.name} ${isGenerated(key) ? "generated" : "added"}`);
      },
    });
  }
  function remove(key: SSHKey): void {
    void performWrite((options) => client.sshKeys.delete(key.id, options), {
      done: () => list.written(`SSH key ${key.name} deleted`),
    });
  }

  if (session.writes) renderSSHKeyForm(byId("ssh-key-form"), add);
  else byId("ssh-key-form").replaceChildren();
  return list;
}

/** Whether the API generated the pair (and so returned its private key, this once). */
function isGenerated(key: SSHKey | GeneratedSSHKey): key is GeneratedSSHKey {
  return typeof key.private_key === "string";
}
