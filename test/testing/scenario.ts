// The end-to-end scenario, run in-process and over HTTP through the bin in Node, Deno and Bun.
import { expect } from "vitest";
import type { InstanceLaunchRequest, LambdaCloudClient } from "../../src/index";

/** How the scenario steers the simulator: directly in-process, or through the bin's admin API. */
export interface ScenarioControl {
  /** Moves simulated time forward. */
  advance(ms: number): Promise<void>;
  /** Fixes capacity so that the launches succeed whatever the seed. */
  setCapacity(type: string, region: string, units: number): Promise<void>;
}

/** The boot time the scenario's simulators run with. */
export const SCENARIO_BOOT_MS = 60_000;

/**
 * Create SSH key → launch → waitFor active → rename → add a filesystem (filesystems attach at
 * launch, so a second instance mounts it) → terminate → read the audit events.
 */
export async function runScenario(client: LambdaCloudClient, control: ScenarioControl): Promise<void> {
  await control.setCapacity("gpu_1x_a10", "us-west-1", 2);
  const sshKey = await client.sshKeys.create({ name: "scenario-key" });
  expect("private_key" in sshKey).toBe(true);

  const launch = {
    region_name: "us-west-1",
    instance_type_name: "gpu_1x_a10",
    ssh_key_names: ["scenario-key"],
  } satisfies InstanceLaunchRequest;
  const {
    instance_ids: [id],
  } = await client.instances.launch(launch);
  expect((await client.instances.get(id!)).status).toBe("booting");
  let advancing = Promise.resolve();
  const active = await client.instances.waitFor(id!, {
    intervalMs: 5,
    timeoutMs: 30_000,
    onPoll: () => {
      advancing = advancing.then(() => control.advance(SCENARIO_BOOT_MS / 2));
    },
  });
  await advancing;
  expect(active.status).toBe("active");
  expect(active.ip).toEqual(expect.any(String));

  const renamed = await client.instances.update(id!, { name: "scenario-trainer" });
  expect(renamed.name).toBe("scenario-trainer");

  const filesystem = await client.filesystems.create({ name: "scenario-data", region: "us-west-1" });
  expect(filesystem.is_in_use).toBe(false);
  const {
    instance_ids: [withData],
  } = await client.instances.launch({ ...launch, file_system_names: ["scenario-data"] });
  expect((await client.instances.get(withData!)).file_system_names).toEqual(["scenario-data"]);
  expect((await client.filesystems.list()).find((entry) => entry.id === filesystem.id)?.is_in_use).toBe(true);

  const { terminated_instances } = await client.instances.terminate([id!, withData!]);
  expect(terminated_instances.map((instance) => instance.status)).toEqual(["terminating", "terminating"]);
  await control.advance(SCENARIO_BOOT_MS);
  expect(await client.instances.list()).toEqual([]);
  expect(await client.filesystems.delete(filesystem.id)).toEqual({ deleted_ids: [filesystem.id] });

  const events = [];
  for await (const event of client.auditEvents.list()) events.push(event);
  expect(events.map((event) => event.action)).toEqual([
    "ssh_key.create",
    "instance.launch",
    "instance.update",
    "filesystem.create",
    "instance.launch",
    "instance.terminate",
    "filesystem.delete",
  ]);
  expect(
    events.every(
      (event) => event.result?.status === "success" && event.request_api_key_lrn?.startsWith("lrn:cloud:api_key:"),
    ),
  ).toBe(true);
}
