/** `client.filesystems`: persistent, region-bound NFS filesystems. */
import * as operations from "../operation-schemas.js";
import type { CreateFilesystemRequest, Filesystem, FilesystemDeleteResponse } from "../schemas/filesystems.js";
import type { RequestOptions } from "../transport/transport.js";
import { Resource } from "./resource.js";

/**
 * Persistent filesystems: `client.filesystems` of a `LambdaCloudClient`, or a client of this group alone, which takes
 * the same options and bundles only this group's operations.
 * @example
 * ```ts
 * const filesystems = await new FilesystemsClient().list();
 * ```
 */
export class FilesystemsClient extends Resource {
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
