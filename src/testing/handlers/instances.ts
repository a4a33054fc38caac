/** Instances: launch rules, the lifecycle view, rename and tags, restart and terminate. */
import type * as v from "valibot";
import { ErrorCodes } from "../../error-codes.js";
import type { Instance, InstanceLaunchRequestSchema } from "../../schemas/instances.js";
import { invalidParameters, SimulatorApiError } from "../envelope.js";
import { actionsFor, statusAt } from "../lifecycle.js";
import { lrnOf } from "../lrn.js";
import type { InstanceRecord, Store } from "../store.js";
import type { HandlerTable } from "./types.js";

/** A validated launch request. */
export type LaunchRequest = v.InferOutput<typeof InstanceLaunchRequestSchema>;

/** The instance as the API shows it at the current simulated time. */
export function instanceView(store: Store, instance: InstanceRecord): Instance {
  const now = store.clock.now();
  const status = statusAt(instance, now, store.bootMs);
  const shownStatus = status === "gone" ? "terminated" : status;
  const ended = shownStatus === "terminating" || shownStatus === "terminated";
  const view: Instance = {
    id: instance.id,
    ...(instance.name === undefined ? {} : { name: instance.name }),
    ...(now >= instance.ipVisibleFrom ? { ip: instance.ip, private_ip: instance.privateIp } : {}),
    status: shownStatus,
    ssh_key_names: [...instance.sshKeyNames],
    file_system_names: instance.mounts.map(
      (mount) => store.filesystems.get(mount.file_system_id)?.name ?? mount.file_system_id,
    ),
    ...(instance.mounts.length > 0 ? { file_system_mounts: instance.mounts.map((mount) => ({ ...mount })) } : {}),
    region: { ...instance.region },
    instance_type: structuredClone(instance.instanceType),
    ...(ended ? {} : { image: { ...instance.image } }),
    hostname: instance.hostname,
    jupyter_token: instance.jupyterToken,
    jupyter_url: `https://jupyter-${instance.id}.simulator.invalid/?token=${instance.jupyterToken}`,
    actions: actionsFor(shownStatus),
    tags: instance.tags.map((tag) => ({ ...tag })),
    firewall_rulesets: instance.firewallRulesetIds.map((id) => ({ id })),
  };
  return view;
}

/** The instance with this id, or a 404 `global/object-does-not-exist`. */
export function findInstance(store: Store, id: string): InstanceRecord {
  const instance = store.instances.get(id);
  if (!instance)
    throw new SimulatorApiError(
      404,
      ErrorCodes.objectDoesNotExist,
      `No instance with id ${id} exists.`,
      "List your instances to find the right id.",
    );
  return instance;
}

function missingForLaunch(what: string): SimulatorApiError {
  return new SimulatorApiError(
    400,
    ErrorCodes.objectDoesNotExist,
    `${what} does not exist.`,
    "Check the name or id; list the resource to see what exists.",
  );
}

/**
 * Launches one instance after checking every launch rule: region and type exist, the SSH
 * key, filesystems, image and rulesets exist and are in the region, the quota allows it and
 * there is capacity. Shared by the HTTP handler, `sim.state.launchInstance` and account fixtures,
 * whose instances already run (`alreadyRunning`: active at once, whatever the capacity).
 */
export function launchInstance(store: Store, request: LaunchRequest, { alreadyRunning = false } = {}): InstanceRecord {
  const { catalog } = store;
  const region = catalog.region(request.region_name);
  const instanceType = catalog.instanceType(request.instance_type_name);
  const problems = [
    ...(region
      ? []
      : [
          {
            path: "region_name",
            message: `"${request.region_name}" is not a region; list the regions to see which exist`,
          },
        ]),
    ...(instanceType
      ? []
      : [
          {
            path: "instance_type_name",
            message: `"${request.instance_type_name}" is not an instance type; list the instance types to see which exist`,
          },
        ]),
  ];
  if (!region || !instanceType) throw invalidParameters(problems);

  for (const name of request.ssh_key_names) {
    if (![...store.sshKeys.values()].some((key) => key.name === name))
      throw missingForLaunch(`The SSH key named "${name}"`);
  }
  const mounts = filesystemMounts(store, request, region.name);
  const image = chooseImage(store, request, region.name, instanceType.architecture ?? "x86_64");
  for (const { id } of request.firewall_rulesets ?? []) {
    const ruleset = store.rulesets.get(id);
    if (!ruleset) throw missingForLaunch(`The firewall ruleset ${id}`);
    if (ruleset.region.name !== region.name) {
      throw invalidParameters([
        {
          path: "firewall_rulesets",
          message: `ruleset ${id} is in ${ruleset.region.name}, not ${region.name}; rulesets must be in the instance's region`,
        },
      ]);
    }
  }
  if (store.instances.size >= store.quotas.instances) {
    throw new SimulatorApiError(
      400,
      ErrorCodes.quotaExceeded,
      `The account may have at most ${store.quotas.instances} instances.`,
      "Terminate an instance or ask support to raise the quota.",
    );
  }
  if (!alreadyRunning && store.availableCapacity(instanceType.name, region.name) < 1) {
    throw new SimulatorApiError(
      400,
      ErrorCodes.insufficientCapacity,
      `Not enough capacity to launch ${instanceType.name} in ${region.name}.`,
      "Try another region or instance type, or try again later; the instance types list shows where capacity is available.",
    );
  }

  const now = store.clock.now();
  const bootStartedAt = alreadyRunning ? now - store.bootMs : now;
  const ip = `198.18.${store.random.int(256)}.${1 + store.random.int(254)}`;
  const instance: InstanceRecord = {
    id: store.newId(),
    name: request.name,
    region,
    instanceType,
    sshKeyNames: [...request.ssh_key_names],
    mounts,
    image,
    hostname: request.hostname ?? ip.replaceAll(".", "-"),
    ip,
    privateIp: `10.${store.random.int(256)}.${store.random.int(256)}.${1 + store.random.int(254)}`,
    jupyterToken: store.random.hex(32),
    tags: (request.tags ?? []).map((tag) => ({ ...tag })),
    firewallRulesetIds: (request.firewall_rulesets ?? []).map(({ id }) => id),
    bootStartedAt,
    ipVisibleFrom: bootStartedAt + store.bootMs / 2,
    terminateRequestedAt: undefined,
  };
  store.instances.set(instance.id, instance);
  return instance;
}

function filesystemMounts(store: Store, request: LaunchRequest, region: string): InstanceRecord["mounts"] {
  const byId = new Map<string, string>();
  for (const name of request.file_system_names ?? []) {
    const filesystem = [...store.filesystems.values()].find((entry) => entry.name === name);
    if (!filesystem) throw missingForLaunch(`The filesystem named "${name}"`);
    byId.set(filesystem.id, filesystem.mount_point);
  }
  for (const mount of request.file_system_mounts ?? []) {
    if (!store.filesystems.has(mount.file_system_id)) throw missingForLaunch(`The filesystem ${mount.file_system_id}`);
    byId.set(mount.file_system_id, mount.mount_point);
  }
  for (const id of byId.keys()) {
    const filesystem = store.filesystems.get(id);
    if (filesystem && filesystem.region.name !== region) {
      throw new SimulatorApiError(
        400,
        ErrorCodes.fileSystemInWrongRegion,
        `The filesystem "${filesystem.name}" is in ${filesystem.region.name}, but the instance would be in ${region}.`,
        "Launch in the filesystem's region, or use a filesystem in this region.",
      );
    }
  }
  return [...byId].map(([file_system_id, mount_point]) => ({ mount_point, file_system_id }));
}

function chooseImage(
  store: Store,
  request: LaunchRequest,
  region: string,
  architecture: string,
): InstanceRecord["image"] {
  const inRegion = store.catalog.images.filter(
    (image) => image.region.name === region && image.architecture === architecture,
  );
  const wanted = request.image;
  const image =
    wanted && "id" in wanted
      ? inRegion.find((entry) => entry.id === wanted.id)
      : inRegion.find((entry) => entry.family === (wanted?.family ?? store.catalog.defaultImageFamily(region)));
  if (!image) {
    const what = wanted && "id" in wanted ? `The image ${wanted.id}` : `The image family "${wanted?.family}"`;
    throw missingForLaunch(`${what} (for ${architecture} in ${region})`);
  }
  return { id: image.id, family: image.family };
}

function assertRestartable(store: Store, instance: InstanceRecord): void {
  const status = statusAt(instance, store.clock.now(), store.bootMs);
  if (status !== "active") {
    throw new SimulatorApiError(
      409,
      ErrorCodes.conflict,
      `Instance ${instance.id} is ${status} and cannot be restarted now.`,
      "Wait until the instance is active.",
    );
  }
}

const instanceLrns = (ids: readonly string[]) => ids.map((id) => lrnOf("instance", id));

/** Handlers of the instance operations. */
export const instanceHandlers: HandlerTable<
  "listInstances" | "getInstance" | "postInstance" | "launchInstance" | "restartInstance" | "terminateInstance"
> = {
  // The simulated account has no 1-Click Clusters, so a cluster filter matches nothing.
  listInstances: ({ store, query }) => ({
    payload:
      query.cluster_id === undefined
        ? [...store.instances.values()].map((instance) => instanceView(store, instance))
        : [],
  }),
  getInstance: ({ store, params }) => ({ payload: instanceView(store, findInstance(store, params.id)) }),
  postInstance: ({ store, params, body }) => {
    const instance = findInstance(store, params.id);
    if (body.name !== undefined) instance.name = body.name;
    if (body.tags !== undefined) instance.tags = body.tags.map((tag) => ({ ...tag }));
    return { payload: instanceView(store, instance), resources: instanceLrns([instance.id]) };
  },
  launchInstance: ({ store, body }) => {
    const instance = launchInstance(store, body);
    return { payload: { instance_ids: [instance.id] }, resources: instanceLrns([instance.id]) };
  },
  restartInstance: ({ store, body }) => {
    const instances = body.instance_ids.map((id) => findInstance(store, id));
    for (const instance of instances) assertRestartable(store, instance);
    for (const instance of instances) instance.bootStartedAt = store.clock.now();
    return {
      payload: { restarted_instances: instances.map((instance) => instanceView(store, instance)) },
      resources: instanceLrns(body.instance_ids),
    };
  },
  terminateInstance: ({ store, body }) => {
    const instances = body.instance_ids.map((id) => findInstance(store, id));
    for (const instance of instances) instance.terminateRequestedAt ??= store.clock.now();
    return {
      payload: { terminated_instances: instances.map((instance) => instanceView(store, instance)) },
      resources: instanceLrns(body.instance_ids),
    };
  },
};
