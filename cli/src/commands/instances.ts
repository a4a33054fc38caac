/** `instances list|get|launch|rename|restart|terminate|wait`. */
import type { InstanceStatus } from "lambda-cloud";
import { confirmIfDestructive, defineCommand, defineGroup, type Register, withYes } from "../command.ts";
import { parseDuration } from "../durations.ts";
import { findInstance, findInstances, label } from "../resolve.ts";
import { instanceDetails, instancesTable } from "../views/instances.ts";
import { waitWithProgress } from "../waiting.ts";
import { registerLaunch } from "./launch.ts";

export const registerInstances: Register = (program, io) => {
  const group = defineGroup(program, "instances", "list, launch, rename, restart, terminate and wait for instances", [
    "instances list",
    "instances terminate trainer --yes",
  ]);

  defineCommand<{ clusterId?: string }>(group, io, {
    name: "list",
    description: "list instances",
    examples: ["instances list", "instances list --json | jq -r '.[].ip'"],
    options: (command) => command.option("--cluster-id <id>", "only the instances of this cluster"),
    run: async (context, _args, options) => {
      const client = await context.client();
      const instances = await client.instances.list(
        options.clusterId === undefined ? {} : { cluster_id: options.clusterId },
        { signal: context.signal },
      );
      context.print(instances, () => instancesTable(context.paint, instances));
    },
  });

  defineCommand(group, io, {
    name: "get <instance>",
    description: "show one instance, by name or id",
    examples: ["instances get trainer"],
    run: async (context, [ref]) => {
      const instance = await findInstance(await context.client(), ref as string, context.signal);
      context.print(instance, () => instanceDetails(context.paint, instance));
    },
  });

  registerLaunch(group, io);

  defineCommand(group, io, {
    name: "rename <instance> <new-name>",
    description: "rename an instance",
    examples: ["instances rename trainer trainer-old"],
    run: async (context, [ref, name]) => {
      const client = await context.client();
      const { id } = await findInstance(client, ref as string, context.signal);
      const instance = await client.instances.update(id, { name: name as string }, { signal: context.signal });
      context.print(instance, () => instanceDetails(context.paint, instance));
    },
  });

  defineCommand(group, io, {
    name: "restart <instances...>",
    description: "restart instances, by name or id",
    examples: ["instances restart trainer"],
    run: async (context, refs) => {
      const client = await context.client();
      const instances = await findInstances(client, refs, context.signal);
      const result = await client.instances.restart(
        instances.map((instance) => instance.id),
        { signal: context.signal },
      );
      context.print(result, () => instancesTable(context.paint, result.restarted_instances));
    },
  });

  defineCommand<{ yes?: boolean }>(group, io, {
    name: "terminate <instances...>",
    description: "terminate instances, by name or id (asks first)",
    examples: ["instances terminate trainer --yes"],
    options: withYes,
    run: async (context, refs, options) => {
      const client = await context.client();
      const instances = await findInstances(client, refs, context.signal);
      const question = `Terminate ${instances.map(label).join(", ")}? Local disks are erased.`;
      await confirmIfDestructive(context, "terminateInstance", question, options.yes);
      const result = await client.instances.terminate(
        instances.map((instance) => instance.id),
        { signal: context.signal },
      );
      context.print(result, () => instancesTable(context.paint, result.terminated_instances));
    },
  });

  defineCommand<{ status: InstanceStatus; timeout: string }>(group, io, {
    name: "wait <instance>",
    description: "wait until an instance has a status, with live progress",
    examples: ["instances wait trainer", "instances wait trainer --status terminated --timeout 5m"],
    options: (command) =>
      command
        .option("--status <status>", "status to wait for", "active")
        .option("--timeout <duration>", "give up after", "20m"),
    run: async (context, [ref], options) => {
      const client = await context.client();
      const timeoutMs = parseDuration("--timeout", options.timeout);
      const instance = await findInstance(client, ref as string, context.signal);
      const reached = await waitWithProgress(context, client, instance, options.status, timeoutMs, context.progress());
      context.print(reached, () => instanceDetails(context.paint, reached));
    },
  });
};
