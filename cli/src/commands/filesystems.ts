/** `filesystems list|create|delete`. */
import { confirmIfDestructive, defineCommand, defineGroup, type Register, withYes } from "../command.ts";
import { byNameOrId, label } from "../resolve.ts";
import { details, table } from "../table.ts";

export const registerFilesystems: Register = (program, io) => {
  const group = defineGroup(program, "filesystems", "persistent filesystems, attached at launch", [
    "filesystems create datasets --region us-west-1",
  ]);

  defineCommand(group, io, {
    name: "list",
    description: "list filesystems",
    examples: ["filesystems list"],
    run: async (context) => {
      const filesystems = await (await context.client()).filesystems.list({ signal: context.signal });
      context.print(filesystems, () =>
        table(
          context.paint,
          ["ID", "NAME", "REGION", "MOUNT POINT", "IN USE", "BYTES USED"],
          filesystems.map((fs) => [
            fs.id,
            fs.name,
            fs.region.name,
            fs.mount_point,
            fs.is_in_use ? "yes" : "no",
            fs.bytes_used,
          ]),
        ),
      );
    },
  });

  defineCommand<{ region: string }>(group, io, {
    name: "create <name>",
    description: "create a filesystem in a region",
    examples: ["filesystems create datasets --region us-west-1"],
    options: (command) => command.requiredOption("--region <name>", "region, e.g. us-west-1"),
    run: async (context, [name], options) => {
      const fs = await (await context.client()).filesystems.create(
        { name: name as string, region: options.region },
        { signal: context.signal },
      );
      context.print(fs, () =>
        details(context.paint, [
          ["id", fs.id],
          ["name", fs.name],
          ["region", fs.region.name],
          ["mount point", fs.mount_point],
        ]),
      );
    },
  });

  defineCommand<{ yes?: boolean }>(group, io, {
    name: "delete <filesystem>",
    description: "delete a filesystem no instance uses, by name or id (asks first)",
    examples: ["filesystems delete datasets --yes"],
    options: withYes,
    run: async (context, [ref], options) => {
      const client = await context.client();
      const fs = byNameOrId(
        await client.filesystems.list({ signal: context.signal }),
        ref as string,
        "filesystem",
        "filesystems list",
      );
      await confirmIfDestructive(
        context,
        "filesystemDelete",
        `Delete filesystem ${label(fs)} and all its data?`,
        options.yes,
      );
      const result = await client.filesystems.delete(fs.id, { signal: context.signal });
      context.print(result, () => `Deleted filesystem ${label(fs)}.`);
    },
  });
};
