/** `client.sshKeys`: the SSH keys that can be put on instances. */
import * as operations from "../operation-schemas.js";
import type { EmptyResponse } from "../schemas/common.js";
import type { AddSSHKeyRequest, GeneratedSSHKey, SSHKey } from "../schemas/ssh-keys.js";
import type { RequestOptions } from "../transport/transport.js";
import { Resource } from "./resource.js";

/**
 * SSH keys: `client.sshKeys` of a `LambdaCloudClient`, or a client of this group alone, which takes
 * the same options and bundles only this group's operations.
 * @example
 * ```ts
 * const keys = await new SSHKeysClient().list();
 * ```
 */
export class SSHKeysClient extends Resource {
  /** Lists the account's SSH keys. */
  list(options?: RequestOptions): Promise<SSHKey[]> {
    return this.transport.call(operations.listSSHKeys, {}, options);
  }

  /**
   * Imports a public key, or, without `public_key`, generates a pair. A generated pair's
   * `private_key` is returned only this once.
   * @example
   * ```ts
   * const key = await client.sshKeys.create({ name: "ci" });
   * if ("private_key" in key) await save(key.private_key);
   * ```
   */
  create(request: AddSSHKeyRequest, options?: RequestOptions): Promise<SSHKey | GeneratedSSHKey> {
    return this.transport.call(operations.addSSHKey, { body: request }, options);
  }

  /** Deletes an SSH key by id (not by name). */
  delete(id: string, options?: RequestOptions): Promise<EmptyResponse> {
    return this.transport.call(operations.deleteSSHKey, { params: { id } }, options);
  }
}
