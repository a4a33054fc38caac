import { describe, expect, it } from "vitest";
import { InsufficientCapacityError, QuotaExceededError, RequestValidationError } from "../../src/index";
import { harness, launchable, raw } from "./helpers";

async function launchError(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("the launch succeeded, but it should have been refused");
    },
    (error: unknown) => error as { status: number; code: string; message: string },
  );
}

describe("launch rules", () => {
  it("an unknown region or instance type answers 400 global/invalid-parameters naming the field", async () => {
    const { sim, client } = harness();
    const request = launchable(sim);
    const region = await launchError(client.instances.launch({ ...request, region_name: "mars-north-1" }));
    expect(region).toMatchObject({ status: 400, code: "global/invalid-parameters" });
    expect(region.message).toContain("region_name");
    const type = await launchError(client.instances.launch({ ...request, instance_type_name: "gpu_9x_imaginary" }));
    expect(type).toMatchObject({ status: 400, code: "global/invalid-parameters" });
    expect(type.message).toContain("instance_type_name");
  });

  it("no capacity answers instance-operations/launch/insufficient-capacity", async () => {
    const { sim, client } = harness();
    const request = launchable(sim);
    sim.state.setCapacity("gpu_1x_a10", "us-west-1", 1);
    await client.instances.launch(request);
    const error = await launchError(client.instances.launch(request));
    expect(error).toBeInstanceOf(InsufficientCapacityError);
    expect(error).toMatchObject({ status: 400, code: "instance-operations/launch/insufficient-capacity" });
  });

  it("an SSH key that does not exist by name answers global/object-does-not-exist", async () => {
    const { sim, client } = harness();
    const error = await launchError(client.instances.launch({ ...launchable(sim), ssh_key_names: ["nobody"] }));
    expect(error).toMatchObject({ status: 400, code: "global/object-does-not-exist" });
    expect(error.message).toContain("nobody");
  });

  it("a filesystem in another region answers instance-operations/launch/file-system-in-wrong-region", async () => {
    const { sim, client } = harness();
    sim.state.addFilesystem({ name: "far", region: "us-east-1" });
    const byName = await launchError(client.instances.launch({ ...launchable(sim), file_system_names: ["far"] }));
    expect(byName).toMatchObject({ status: 400, code: "instance-operations/launch/file-system-in-wrong-region" });
    const id = sim.state.filesystems()[0]!.id;
    const byMount = await launchError(
      client.instances.launch({
        ...launchable(sim),
        file_system_mounts: [{ mount_point: "/data/far", file_system_id: id }],
      }),
    );
    expect(byMount).toMatchObject({ code: "instance-operations/launch/file-system-in-wrong-region" });
  });

  it("a filesystem that does not exist answers global/object-does-not-exist", async () => {
    const { sim, client } = harness();
    const error = await launchError(client.instances.launch({ ...launchable(sim), file_system_names: ["missing"] }));
    expect(error).toMatchObject({ status: 400, code: "global/object-does-not-exist" });
  });

  it("exceeding the instance quota answers global/quota-exceeded", async () => {
    const { sim, client } = harness({ quotas: { instances: 1 } });
    const request = launchable(sim);
    await client.instances.launch(request);
    const error = await launchError(client.instances.launch(request));
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error).toMatchObject({ status: 400, code: "global/quota-exceeded" });
  });

  it("an image id or family that does not exist answers global/object-does-not-exist; existing ones are used", async () => {
    const { sim, client } = harness();
    const request = launchable(sim);
    await expect(client.instances.launch({ ...request, image: { family: "windows-95" } })).rejects.toMatchObject({
      code: "global/object-does-not-exist",
    });
    await expect(
      client.instances.launch({ ...request, image: { id: "00000000-0000-4000-8000-000000000000" } }),
    ).rejects.toMatchObject({ code: "global/object-does-not-exist" });
    const image = (await client.images.list()).find(
      (entry) => entry.region.name === "us-west-1" && entry.family === "gpu-base-24-04",
    )!;
    const { instance_ids } = await client.instances.launch({ ...request, image: { id: image.id } });
    expect((await client.instances.get(instance_ids[0]!)).image).toEqual({ id: image.id, family: "gpu-base-24-04" });
  });

  it("a ruleset in another region is refused, one in the same region is attached", async () => {
    const { sim, client } = harness();
    const request = launchable(sim);
    const far = sim.state.addFirewallRuleset({ name: "far", region: "us-east-1", rules: [] });
    const near = sim.state.addFirewallRuleset({ name: "near", region: "us-west-1", rules: [] });
    const error = await launchError(client.instances.launch({ ...request, firewall_rulesets: [{ id: far.id }] }));
    expect(error).toMatchObject({ status: 400, code: "global/invalid-parameters" });
    expect(error.message).toContain("firewall_rulesets");
    const { instance_ids } = await client.instances.launch({ ...request, firewall_rulesets: [{ id: near.id }] });
    expect((await client.firewallRulesets.get(near.id)).instance_ids).toEqual(instance_ids);
  });

  it("invalid tags, hostname and name answer 400 global/invalid-parameters listing each problem (the simulator checks, not only the client)", async () => {
    const { sim, client, key } = harness();
    const bad = {
      ...launchable(sim),
      name: "n".repeat(65),
      hostname: "Not_A_Hostname",
      tags: [{ key: "lambda-ai-reserved", value: "x" }],
    };
    await expect(client.instances.launch(bad)).rejects.toBeInstanceOf(RequestValidationError);
    const response = await raw(sim, "/instance-operations/launch", { method: "POST", key, body: JSON.stringify(bad) });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("global/invalid-parameters");
    for (const field of ["name", "hostname", "tags[0].key"]) expect(error.message).toContain(field);
    expect(sim.state.instances()).toEqual([]);
  });
});
