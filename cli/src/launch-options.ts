/**
 * The launch flags, shared by `instances launch` and `find`: the API's field names in kebab case
 * (`--instance-type-name`, `--region-name`, `--ssh-key-name`, `--file-system-name`, `--name`,
 * `--tag key=value`) with the short forms `--type`, `--region` and `--ssh-key`.
 */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import type { InstanceLaunchRequest, LambdaCloudClient } from "lambda-cloud";
import { collect } from "./command.ts";
import { UsageError } from "./errors.ts";

/** The parsed launch flags (besides type and region, which `find` takes as preferences). */
export interface LaunchBodyOptions {
  readonly sshKeyName?: string;
  readonly fileSystemName?: string[];
  readonly name?: string;
  readonly hostname?: string;
  readonly imageId?: string;
  readonly imageFamily?: string;
  readonly userData?: string;
  readonly tag?: string[];
  readonly firewallRulesetId?: string[];
}

/** Adds the flags of {@link LaunchBodyOptions}. */
export function addLaunchBodyOptions(command: Command): Command {
  return command
    .option("--ssh-key, --ssh-key-name <name>", "SSH key to install (default: the account's only key)")
    .option("--file-system-name <name>", "filesystem to attach; repeatable", collect)
    .option("--name <name>", "instance name")
    .option("--hostname <hostname>", "hostname of the instance")
    .option("--image-id <id>", "machine image id")
    .option("--image-family <family>", "machine image family, e.g. lambda-stack-24-04")
    .option("--user-data <file>", "cloud-init user data, read from a file")
    .option("--tag <key=value>", "tag; repeatable", collect)
    .option("--firewall-ruleset-id <id>", "firewall ruleset; repeatable", collect);
}

/** `["team=ml"]` → `[{ key: "team", value: "ml" }]`. @throws {UsageError} on an entry without `=`. */
export function parseTags(tags: readonly string[] = []): { key: string; value: string }[] {
  return tags.map((tag) => {
    const at = tag.indexOf("=");
    if (at <= 0) throw new UsageError(`--tag needs key=value, got ${JSON.stringify(tag)}.`);
    return { key: tag.slice(0, at), value: tag.slice(at + 1) };
  });
}

/**
 * The SSH key to launch with: the flag's, or the account's only key.
 * @throws {UsageError} when there is no flag and the account has no key or several.
 */
export async function sshKeyFor(
  client: LambdaCloudClient,
  flag: string | undefined,
  signal: AbortSignal,
): Promise<string> {
  if (flag !== undefined) return flag;
  const keys = await client.sshKeys.list({ signal });
  if (keys.length === 1) return (keys[0] as { name: string }).name;
  if (keys.length === 0)
    throw new UsageError(
      "The account has no SSH key.",
      "Add one with: lambda-cloud ssh-keys add NAME --public-key-file ~/.ssh/id_ed25519.pub",
    );
  throw new UsageError(
    `The account has ${keys.length} SSH keys (${keys.map((key) => key.name).join(", ")}); say which with --ssh-key.`,
  );
}

/** The launch body for a type and region; the client validates it before sending. */
export async function launchBody(
  options: LaunchBodyOptions,
  sshKey: string,
): Promise<Omit<InstanceLaunchRequest, "instance_type_name" | "region_name">> {
  if (options.imageId !== undefined && options.imageFamily !== undefined)
    throw new UsageError("Give --image-id or --image-family, not both.");
  const image =
    options.imageId !== undefined
      ? { id: options.imageId }
      : options.imageFamily !== undefined
        ? { family: options.imageFamily }
        : undefined;
  const userData =
    options.userData === undefined
      ? undefined
      : await readFile(options.userData, "utf8").catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(
            `--user-data ${options.userData}: cannot read the file (${error.code ?? error.message}).`,
          );
        });
  return {
    ssh_key_names: [sshKey],
    ...(options.fileSystemName && { file_system_names: options.fileSystemName }),
    ...(options.name !== undefined && { name: options.name }),
    ...(options.hostname !== undefined && { hostname: options.hostname }),
    ...(image && { image }),
    ...(userData !== undefined && { user_data: userData }),
    ...(options.tag && { tags: parseTags(options.tag) }),
    ...(options.firewallRulesetId && { firewall_rulesets: options.firewallRulesetId.map((id) => ({ id })) }),
  };
}
