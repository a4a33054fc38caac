/** SSH keys: import or generate (the private key is shown once), list, delete by id. */

import { ErrorCodes } from "../../error-codes.js";
import { invalidParameters, SimulatorApiError } from "../envelope.js";
import { lrnOf } from "../lrn.js";
import type { SSHKeyRecord, Store } from "../store.js";
import type { HandlerTable } from "./types.js";

const PUBLIC_KEY_PATTERN =
  /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$/;

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/** The result of adding a key: the stored key, and the private key when one was generated. */
export interface AddedSSHKey {
  readonly key: SSHKeyRecord;
  readonly privateKey?: string;
}

/** Imports a public key, or generates a pair when none is given. Names must be unique. */
export function addSSHKey(store: Store, request: { name: string; public_key?: string | undefined }): AddedSSHKey {
  if ([...store.sshKeys.values()].some((key) => key.name === request.name)) {
    throw invalidParameters([
      {
        path: "name",
        message: `an SSH key named "${request.name}" already exists; pick another name or delete that key first`,
      },
    ]);
  }
  const publicKey = request.public_key?.trim();
  if (publicKey !== undefined && !PUBLIC_KEY_PATTERN.test(publicKey)) {
    throw invalidParameters([
      { path: "public_key", message: 'is not an OpenSSH public key such as "ssh-ed25519 AAAA… comment"' },
    ]);
  }
  const generated = publicKey === undefined ? generatePair(store, request.name) : undefined;
  const key: SSHKeyRecord = {
    id: store.newId(),
    name: request.name,
    public_key: generated?.publicKey ?? (publicKey as string),
  };
  store.sshKeys.set(key.id, key);
  return generated ? { key, privateKey: generated.privateKey } : { key };
}

function generatePair(store: Store, name: string) {
  const publicKey = `ssh-ed25519 ${base64(new Uint8Array([0, 0, 0, 11, ...new TextEncoder().encode("ssh-ed25519"), 0, 0, 0, 32, ...store.random.bytes(32)]))} ${name}`;
  const body = base64(store.random.bytes(300)).replace(/(.{70})/g, "$1\n");
  return { publicKey, privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n` };
}

/** Handlers of the SSH key operations. */
export const sshKeyHandlers: HandlerTable<"listSSHKeys" | "addSSHKey" | "deleteSSHKey"> = {
  listSSHKeys: ({ store }) => ({ payload: [...store.sshKeys.values()].map((key) => ({ ...key })) }),
  addSSHKey: ({ store, body }) => {
    const { key, privateKey } = addSSHKey(store, body);
    return {
      payload: privateKey === undefined ? { ...key } : { ...key, private_key: privateKey },
      resources: [lrnOf("ssh_key", key.id)],
    };
  },
  deleteSSHKey: ({ store, params }) => {
    if (!store.sshKeys.delete(params.id)) {
      throw new SimulatorApiError(
        404,
        ErrorCodes.objectDoesNotExist,
        `No SSH key with id ${params.id} exists.`,
        "List your SSH keys to find the right id.",
      );
    }
    return { payload: {}, resources: [lrnOf("ssh_key", params.id)] };
  },
};
