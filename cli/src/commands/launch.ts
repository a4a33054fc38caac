/** `instances launch` (also `launch`): one instance, optionally waiting until it is active with live progress. */
import type { Command } from "commander";
import { defineCommand } from "../command.ts";
import type { Context } from "../context.ts";
import { parseDuration } from "../durations.ts";
import { InterruptedError } from "../errors.ts";
import type { CliIo } from "../io.ts";
import { addLaunchBodyOptions, type LaunchBodyOptions, launchBody, sshKeyFor } from "../launch-options.ts";
import { details } from "../table.ts";
import { instanceDetails } from "../views/instances.ts";
import { interruptedWithInstance, waitWithProgress } from "../waiting.ts";

interface LaunchOptions extends LaunchBodyOptions {
  readonly instanceTypeName: string;
  readonly regionName: string;
  readonly wait?: boolean;
  readonly timeout: string;
}

async function launch(context: Context, options: LaunchOptions): Promise<void> {
  const client = await context.client();
  const { instanceTypeName: instance_type_name, regionName: region_name } = options;
  let body: Awaited<ReturnType<typeof launchBody>>;
  try {
    body = await launchBody(options, await sshKeyFor(client, options.sshKeyName, context.signal));
  } catch (error) {
    if (context.signal.aborted) throw new InterruptedError("Interrupted before launching; nothing was launched.");
    throw error;
  }
  const timeoutMs = parseDuration("--timeout", options.timeout);
  const progress = context.progress();
  progress.event("launching", { instance_type_name, region_name }, `launching ${instance_type_name} in ${region_name}`);
  // No signal: a launch that may have reached the API is never abandoned; Ctrl+C is honoured once it answers.
  const { instance_ids } = await client.instances
    .launch({ ...body, instance_type_name, region_name })
    .catch((error: unknown) => {
      progress.end(`launch of ${instance_type_name} in ${region_name} failed`, false);
      throw error;
    });
  const [id] = instance_ids as [string];
  progress.event("launched", { instance_ids }, `launched ${id}`);
  const launched = { id, name: body.name ?? null };
  if (context.signal.aborted) {
    progress.end(`launched ${id}`, false);
    throw interruptedWithInstance(launched);
  }
  if (!options.wait) {
    progress.end(`launched ${id}`, true);
    context.print(
      { instance_ids },
      () =>
        `${details(context.paint, [
          ["launched", id],
          ["type", instance_type_name],
          ["region", region_name],
        ])}\nWait for it: lambda-cloud instances wait ${id}`,
    );
    return;
  }
  const instance = await waitWithProgress(context, client, launched, "active", timeoutMs, progress);
  context.print(instance, () => `${instanceDetails(context.paint, instance)}\nConnect: lambda-cloud ssh ${id}`);
}

/** Adds the launch command to `parent` (`instances` and the top level both have it). */
export function registerLaunch(parent: Command, io: CliIo): void {
  defineCommand<LaunchOptions>(parent, io, {
    name: "launch",
    description: "launch an instance (--wait: until it is active)",
    examples: ["launch --type gpu_1x_a10 --region us-west-1 --name trainer --wait"],
    options: (command) => {
      command
        .requiredOption(
          "--type, --instance-type-name <name>",
          "instance type, e.g. gpu_1x_a10 (see: lambda-cloud types --available)",
        )
        .requiredOption("--region, --region-name <name>", "region, e.g. us-west-1");
      addLaunchBodyOptions(command)
        .option("--wait", "wait until the instance is active, with live progress")
        .option("--timeout <duration>", "how long --wait waits", "20m");
    },
    run: (context, _args, options) => launch(context, options),
  });
}
