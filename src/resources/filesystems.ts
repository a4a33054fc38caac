/** `client.filesystems`: persistent, region-bound NFS filesystems. */
import { operations } from "../operation-schemas.js";
import type { CreateFilesystemRequest, Filesystem, FilesystemDeleteResponse } from "../schemas/filesystems.js";
import type { RequestOptions } from "../transport/transport.js";
import { Resource } from "./resource.js";

/** Filesystem operations. */
export class Filesystems extends Resource {
  /** Lists filesystems. */
  list(options?: RequestOptions): Promise<Filesystem[]> {
    return this.transport.call(operations.listFilesystems, {}, options);
  }

  /** Creates a filesystem in a region; it can be mounted by instances launched in the same region. */
  create(request: CreateFilesystemRequest, options?: RequestOptions): Promise<Filesystem> {
    return this.transport.call(operations.createFilesystem, { body: request }, options);
  }

  /** Deletes a filesystem that no instance is using. */
  delete(id: string, options?: RequestOptions): Promise<FilesystemDeleteResponse> {
    return this.transport.call(operations.filesystemDelete, { params: { id } }, options);
  }
}
