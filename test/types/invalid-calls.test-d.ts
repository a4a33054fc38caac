// Calls that must not compile, against the published declarations: an unknown field in a strict
// request, a wrong id type, a missing required field, a value outside a closed enum, an operation
// that does not exist. Each sits beside the valid call it differs from, so an error is the
// mistake's own and not a broken setup. Run by `vitest --typecheck` (the "types" project).
import { fromEnv, type InstanceLaunchRequest, LambdaCloudClient } from "lambda-cloud";
import { createLambdaProxy } from "lambda-cloud/proxy";
import { describe, expectTypeOf, it } from "vitest";

const client = new LambdaCloudClient({ apiKey: "k" });
const launch: InstanceLaunchRequest = {
  region_name: "us-west-1",
  instance_type_name: "gpu_1x_a10",
  ssh_key_names: ["laptop"],
};

describe("requests that do not compile", () => {
  it("an unknown field in a strict request body", () => {
    expectTypeOf(client.instances.launch({ ...launch, name: "trainer" })).resolves.toHaveProperty("instance_ids");
    // @ts-expect-error `colour` is not a field of a launch request.
    void client.instances.launch({ ...launch, colour: "red" });
    // @ts-expect-error `size` is not a field of a filesystem request.
    void client.filesystems.create({ name: "data", region: "us-west-1", size: 10 });
  });

  it("a wrong id type", () => {
    expectTypeOf(client.instances.get("0920582c7ff041399e34823a0be62549")).resolves.toHaveProperty("id");
    // @ts-expect-error an instance id is a string.
    void client.instances.get(42);
    // @ts-expect-error restart takes ids (strings), not instances' numbers.
    void client.instances.restart([1, 2]);
    // @ts-expect-error a ticket id is a string.
    void client.tickets.attachments.list(7);
  });

  it("a missing required field", () => {
    const { instance_type_name: _type, ...withoutType } = launch;
    // @ts-expect-error `instance_type_name` is required.
    void client.instances.launch(withoutType);
    // @ts-expect-error an SSH key needs a name.
    void client.sshKeys.create({ public_key: "ssh-ed25519 AAAA" });
    // @ts-expect-error the request itself is required.
    void client.firewallRulesets.create();
  });

  it("a value outside a closed enum of a request", () => {
    expectTypeOf(client.tickets.attachments.list("t", { status: "uploaded" })).resolves.toBeArray();
    // @ts-expect-error "gone" is not an attachment status.
    void client.tickets.attachments.list("t", { status: "gone" });
  });

  it("an operation that is not in the table, in the proxy's allowlist", () => {
    expectTypeOf(createLambdaProxy({ apiKey: fromEnv(), allow: ["listInstances", "getInstance"] })).toBeObject();
    // @ts-expect-error rebootEverything is not an operation.
    createLambdaProxy({ apiKey: fromEnv(), allow: ["listInstances", "rebootEverything"] });
  });

  it("an option of a call that does not exist", () => {
    expectTypeOf(client.regions.list({ timeoutMs: 5_000 })).resolves.toBeArray();
    // @ts-expect-error calls take `timeoutMs`, not `timeout`.
    void client.regions.list({ timeout: 5_000 });
  });
});
