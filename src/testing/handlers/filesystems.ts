/** Persistent filesystems: unique names, one region each, in use while an instance mounts them. */

import { ErrorCodes } from "../../error-codes.js";
import type { Filesystem } from "../../schemas/filesystems.js";
import { invalidParameters, SimulatorApiError } from "../envelope.js";
import { lrnOf } from "../lrn.js";
import type { FilesystemRecord, Store } from "../store.js";
import type { HandlerTable } from "./types.js";

/** Whether any instance (until it disappears after termination) mounts the filesystem. */
function isInUse(store: Store, id: string): boolean {
  return [...store.instances.values()].some((instance) => instance.mounts.some((mount) => mount.file_system_id === id));
}

/** The filesystem as the API shows it. */
export function filesystemView(store: Store, filesystem: FilesystemRecord): Filesystem {
  const { id, email } = store.user;
  return {
    id: filesystem.id,
    name: filesystem.name,
    mount_point: filesystem.mount_point,
    created: filesystem.created,
    created_by: { id, email, status: "active" },
    is_in_use: isInUse(store, filesystem.id),
    region: { ...filesystem.region },
    bytes_used: 0,
  };
}

/** Creates a filesystem; the name must be unused and the region must exist. */
export function createFilesystem(store: Store, request: { name: string; region: string }): FilesystemRecord {
  const region = store.catalog.region(request.region);
  if (!region)
    throw invalidParameters([
      { path: "region", message: `"${request.region}" is not a region; list the regions to see which exist` },
    ]);
  if ([...store.filesystems.values()].some((filesystem) => filesystem.name === request.name)) {
    throw new SimulatorApiError(
      400,
      ErrorCodes.duplicate,
      `A filesystem named "${request.name}" already exists.`,
      "Choose another name.",
    );
  }
  if (store.filesystems.size >= store.quotas.filesystems) {
    throw new SimulatorApiError(
      400,
      ErrorCodes.quotaExceeded,
      `The account may have at most ${store.quotas.filesystems} filesystems.`,
      "Delete a filesystem or ask support to raise the quota.",
    );
  }
  const filesystem: FilesystemRecord = {
    id: store.newId(),
    name: request.name,
    region,
    created: store.timestamp(),
    mount_point: `/lambda/nfs/${request.name}`,
  };
  store.filesystems.set(filesystem.id, filesystem);
  return filesystem;
}

/** Handlers of the filesystem operations. */
export const filesystemHandlers: HandlerTable<"listFilesystems" | "createFilesystem" | "filesystemDelete"> = {
  listFilesystems: ({ store }) => ({
    payload: [...store.filesystems.values()].map((filesystem) => filesystemView(store, filesystem)),
  }),
  createFilesystem: ({ store, body }) => {
    const filesystem = createFilesystem(store, body);
    return { payload: filesystemView(store, filesystem), resources: [lrnOf("filesystem", filesystem.id)] };
  },
  filesystemDelete: ({ store, params }) => {
    const filesystem = store.filesystems.get(params.id);
    if (!filesystem) {
      throw new SimulatorApiError(
        404,
        ErrorCodes.objectDoesNotExist,
        `No filesystem with id ${params.id} exists.`,
        "List your filesystems to find the right id.",
      );
    }
    if (isInUse(store, filesystem.id)) {
      throw new SimulatorApiError(
        400,
        ErrorCodes.filesystemInUse,
        `The filesystem "${filesystem.name}" is mounted on an instance.`,
        "Terminate the instances that use it, wait until they are gone, then delete it.",
      );
    }
    store.filesystems.delete(filesystem.id);
    return { payload: { deleted_ids: [filesystem.id] }, resources: [lrnOf("filesystem", filesystem.id)] };
  },
};
