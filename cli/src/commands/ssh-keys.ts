/** `ssh-keys list|add|generate|delete`. A generated private key goes to a file (mode 600), never to the terminal. */
import { readFile, writeFile } from "node:fs/promises";
import { confirmIfDestructive, defineCommand, defineGroup, type Register, withYes } from "../command.ts";
import { UsageError } from "../errors.ts";
import { byNameOrId, label } from "../resolve.ts";
import { details, table } from "../table.ts";

/** `ssh-ed25519 AAAA…long… me@host` → the first and last characters, for a table. */
function shortKey(publicKey: string): string {
  return publicKey.length <= 40 ? publicKey : `${publicKey.slice(0, 24)}…${publicKey.slice(-12)}`;
}

export const registerSshKeys: Register = (program, io) => {
  const group = defineGroup(program, "ssh-keys", "SSH keys put on new instances", [
    "ssh-keys add laptop --public-key-file ~/.ssh/id_ed25519.pub",
  ]);

  defineCommand(group, io, {
    name: "list",
    description: "list SSH keys",
    examples: ["ssh-keys list"],
    run: async (context) => {
      const keys = await (await context.client()).sshKeys.list({ signal: context.signal });
      context.print(keys, () =>
        table(
          context.paint,
          ["ID", "NAME", "PUBLIC KEY"],
          keys.map((key) => [key.id, key.name, shortKey(key.public_key)]),
        ),
      );
    },
  });

  defineCommand<{ publicKeyFile: string }>(group, io, {
    name: "add <name>",
    description: "import a public key",
    examples: ["ssh-keys add laptop --public-key-file ~/.ssh/id_ed25519.pub"],
    options: (command) =>
      command.requiredOption("--public-key-file <file>", "the public key (e.g. ~/.ssh/id_ed25519.pub)"),
    run: async (context, [name], options) => {
      const public_key = (
        await readFile(options.publicKeyFile, "utf8").catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(
            `--public-key-file ${options.publicKeyFile}: cannot read the file (${error.code ?? error.message}).`,
          );
        })
      ).trim();
      const key = await (await context.client()).sshKeys.create(
        { name: name as string, public_key },
        { signal: context.signal },
      );
      context.print(key, () =>
        details(context.paint, [
          ["id", key.id],
          ["name", key.name],
          ["public key", shortKey(key.public_key)],
        ]),
      );
    },
  });

  defineCommand<{ output?: string }>(group, io, {
    name: "generate <name>",
    description: "have the API generate a key pair; the private key is saved to a file",
    examples: ["ssh-keys generate ci --output ~/.ssh/lambda-ci"],
    options: (command) =>
      command.option(
        "--output <file>",
        "where to save the private key: mode 600, never overwritten (default: ./NAME.pem)",
      ),
    run: async (context, [name], options) => {
      const file = options.output ?? `./${name as string}.pem`;
      const key = await (await context.client()).sshKeys.create({ name: name as string }, { signal: context.signal });
      const { private_key: privateKey, ...rest } = key as typeof key & { private_key?: string };
      if (privateKey !== undefined) {
        await writeFile(file, privateKey.endsWith("\n") ? privateKey : `${privateKey}\n`, {
          mode: 0o600,
          flag: "wx",
        }).catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(
            `Key ${label(key)} was created, but its private key could not be saved to ${file} (${error.code ?? error.message}).`,
            "Delete the key and generate it again with another --output.",
          );
        });
      }
      const result = { ...rest, private_key_file: file };
      context.print(result, () =>
        details(context.paint, [
          ["id", key.id],
          ["name", key.name],
          ["private key", `saved to ${file}`],
        ]),
      );
    },
  });

  defineCommand<{ yes?: boolean }>(group, io, {
    name: "delete <key>",
    description: "delete an SSH key, by name or id (asks first)",
    examples: ["ssh-keys delete old-laptop --yes"],
    options: withYes,
    run: async (context, [ref], options) => {
      const client = await context.client();
      const key = byNameOrId(
        await client.sshKeys.list({ signal: context.signal }),
        ref as string,
        "SSH key",
        "ssh-keys list",
      );
      await confirmIfDestructive(context, "deleteSSHKey", `Delete SSH key ${label(key)}?`, options.yes);
      await client.sshKeys.delete(key.id, { signal: context.signal });
      context.print({ deleted_ids: [key.id] }, () => `Deleted SSH key ${label(key)}.`);
    },
  });
};
