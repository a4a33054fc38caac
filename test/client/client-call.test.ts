// `client.call(operationId, input, options)`: any operation of the table by its id, through the
// same transport path as the resource methods (same request on the wire, same checks, same
// validation), typed by the operation id.
import { describe, expect, it } from "vitest";
import { type LambdaCloudClient, RequestValidationError } from "../../src/index.js";
import { clientFor, createMockApi, ok, type RecordedRequest } from "../helpers/mock-api.js";
import * as p from "../helpers/payloads.js";
import { harness, launchable } from "../testing/helpers.js";

/** What a call sent, as comparable data. */
async function sentBy(
  call: (client: LambdaCloudClient) => Promise<unknown>,
): Promise<Pick<RecordedRequest, "method" | "body"> & { url: string; headers: [string, string][] }> {
  const api = createMockApi(() => ok({}));
  await call(clientFor(api, { validateResponses: false })).catch(() => undefined);
  const [request] = api.requests;
  if (!request) throw new Error("nothing was sent");
  return { method: request.method, url: request.url.href, body: request.body, headers: [...request.headers] };
}

describe("client.call sends what the resource method sends", () => {
  it.each<[string, (c: LambdaCloudClient) => Promise<unknown>, (c: LambdaCloudClient) => Promise<unknown>]>([
    [
      "listInstances",
      (c) => c.instances.list({ cluster_id: "c1" }),
      (c) => c.call("listInstances", { query: { cluster_id: "c1" } }),
    ],
    [
      "getInstance",
      (c) => c.instances.get(p.INSTANCE_ID),
      (c) => c.call("getInstance", { params: { id: p.INSTANCE_ID } }),
    ],
    [
      "postInstance",
      (c) => c.instances.update(p.INSTANCE_ID, { name: "trainer" }),
      (c) => c.call("postInstance", { params: { id: p.INSTANCE_ID }, body: { name: "trainer" } }),
    ],
    ["addSSHKey", (c) => c.sshKeys.create({ name: "ci" }), (c) => c.call("addSSHKey", { body: { name: "ci" } })],
    ["listRegions", (c) => c.regions.list(), (c) => c.call("listRegions")],
    [
      "listTickets",
      (c) => c.tickets.page({ order_by: "created_at" }),
      (c) => c.call("listTickets", { query: { order_by: "created_at" } }),
    ],
  ])("%s", async (_operation, viaResource, viaCall) => {
    expect(await sentBy(viaCall)).toEqual(await sentBy(viaResource));
  });
});

describe("client.call against the simulator", () => {
  it("returns the validated payload, as the resource method does", async () => {
    const { client, sim } = harness();
    launchable(sim);
    expect(await client.call("listInstanceTypes")).toEqual(await client.instanceTypes.list());
    const key = await client.call("addSSHKey", { body: { name: "ci" } });
    expect(await client.call("listSSHKeys")).toEqual(await client.sshKeys.list());
    expect((await client.call("listSSHKeys")).map((k) => k.id)).toContain(key.id);
  });

  it("takes the per-call options (an aborted signal rejects before sending)", async () => {
    const { client } = harness();
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(client.call("listRegions", undefined, { signal: controller.signal })).rejects.toThrow("stop");
  });
});

describe("client.call refuses before sending", () => {
  it("an operation id that is not in the table, naming it", async () => {
    const api = createMockApi(() => ok([]));
    const client = clientFor(api);
    // @ts-expect-error: not an operation id
    const error = await client.call("listInstancez").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).message).toBe(
      'Invalid arguments for listInstancez; nothing was sent: operationId is not an operation of the API; see the operations table (such as "listInstances").',
    );
    // Names of Object.prototype are not operations either.
    // @ts-expect-error: not an operation id
    await expect(client.call("toString")).rejects.toBeInstanceOf(RequestValidationError);
    expect(api.requests).toHaveLength(0);
  });

  it("an input the operation's schemas refuse, like the resource method", async () => {
    const api = createMockApi(() => ok([]));
    const client = clientFor(api);
    // @ts-expect-error: the body lacks its required `name`
    await expect(client.call("addSSHKey", { body: {} })).rejects.toThrow(
      "Invalid arguments for addSSHKey; nothing was sent: name is required",
    );
    await expect(client.call("getInstance", { params: { id: "not-an-id" } })).rejects.toBeInstanceOf(
      RequestValidationError,
    );
    expect(api.requests).toHaveLength(0);
  });
});

describe("client.call types (checked by npm run typecheck)", () => {
  it("requires the input an operation needs, and types the result by the id", async () => {
    const { client } = harness();
    const check = async () => {
      // @ts-expect-error: getInstance needs its id
      await client.call("getInstance");
      // @ts-expect-error: listRegions takes no body
      await client.call("listRegions", { body: {} });
      const instance = await client.call("getInstance", { params: { id: p.INSTANCE_ID } });
      const name: string | null | undefined = instance.name;
      return name;
    };
    expect(typeof check).toBe("function");
  });
});
