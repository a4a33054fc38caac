/**
 * What examples/node.ts, deno.ts and bun.ts do, written once: the package is the same in every
 * runtime, so only how each script reads its arguments and environment differs.
 */
import type { InstanceTypesItem, LambdaCloudClient } from "lambda-cloud";

/** Prints the instance types that have capacity now, cheapest first, and returns them in that order. */
export async function listAvailableTypes(client: LambdaCloudClient): Promise<InstanceTypesItem[]> {
  const types = await client.instanceTypes.list();
  const available = Object.values(types)
    .filter((type) => type.regions_with_capacity_available.length > 0)
    .sort((a, b) => a.instance_type.price_cents_per_hour - b.instance_type.price_cents_per_hour);
  console.log(`${available.length} of ${Object.keys(types).length} instance types have capacity now:`);
  for (const { instance_type: type, regions_with_capacity_available: regions } of available) {
    const price = `$${(type.price_cents_per_hour / 100).toFixed(2)}/h`;
    console.log(
      `  ${type.name.padEnd(24)} ${price.padStart(9)}  ${type.description.padEnd(28)} ${regions.map((region) => region.name).join(", ")}`,
    );
  }
  return available;
}

/**
 * Launches one instance of the cheapest available type with the account's first SSH key, waits
 * until it is active, then terminates it. This costs money on a real account (a few minutes of
 * the cheapest type).
 */
export async function launchWaitTerminate(
  client: LambdaCloudClient,
  available: readonly InstanceTypesItem[],
): Promise<void> {
  const [cheapest] = available;
  if (!cheapest) throw new Error("No instance type has capacity right now; try again later.");
  const [sshKey] = await client.sshKeys.list();
  if (!sshKey)
    throw new Error(
      "The account has no SSH key: add one first (client.sshKeys.create({ name }) or the Lambda Cloud console).",
    );

  const region = cheapest.regions_with_capacity_available[0]!.name;
  console.log(`Launching ${cheapest.instance_type.name} in ${region} with SSH key ${sshKey.name}…`);
  const {
    instance_ids: [id],
  } = await client.instances.launch({
    region_name: region,
    instance_type_name: cheapest.instance_type.name,
    ssh_key_names: [sshKey.name],
    name: "lambda-cloud-example",
  });
  try {
    const instance = await client.instances.waitFor(id!, {
      onPoll: (polled) => console.log(`  ${id}: ${polled.status}`),
    });
    console.log(`Active: ssh ubuntu@${instance.ip}`);
  } finally {
    // Terminate even when waiting failed, so that nothing is left running (and billed).
    const {
      terminated_instances: [terminated],
    } = await client.instances.terminate(id!);
    console.log(`Terminated ${id} (status: ${terminated?.status}).`);
  }
}
