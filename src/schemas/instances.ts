/** Schemas of instances and the instance operations (launch, restart, terminate, update). */
import * as v from "valibot";
import {
  boundedString,
  FirewallRulesetEntrySchema,
  HexIdSchema,
  openEnum,
  RegionSchema,
  RequestedTagEntrySchema,
  TagEntrySchema,
} from "./common.js";
import { InstanceTypeSchema } from "./instance-types.js";

/** The lifecycle status of an instance. New values may appear; they pass as strings. */
export const InstanceStatusSchema = openEnum([
  "booting",
  "active",
  "unhealthy",
  "terminating",
  "terminated",
  "preempted",
]);
/** The lifecycle status of an instance. */
export type InstanceStatus = v.InferOutput<typeof InstanceStatusSchema>;

/** Whether one action is available now, and if not, why. */
export const InstanceActionAvailabilityDetailsSchema = v.looseObject({
  available: v.boolean(),
  reason_code: v.optional(
    openEnum([
      "vm-has-not-launched",
      "vm-is-too-old",
      "vm-is-terminating",
      "vm-action-in-progress",
      "vm-action-unavailable-bare-metal",
    ]),
  ),
  reason_description: v.optional(v.string()),
});

/** Which actions an instance allows in its current state. `power_cycle` is new in API 1.10. */
export const InstanceActionAvailabilitySchema = v.looseObject({
  migrate: InstanceActionAvailabilityDetailsSchema,
  rebuild: InstanceActionAvailabilityDetailsSchema,
  restart: InstanceActionAvailabilityDetailsSchema,
  cold_reboot: InstanceActionAvailabilityDetailsSchema,
  power_cycle: v.optional(InstanceActionAvailabilityDetailsSchema),
  terminate: InstanceActionAvailabilityDetailsSchema,
});
/** Which actions an instance allows in its current state. */
export type InstanceActionAvailability = v.InferOutput<typeof InstanceActionAvailabilitySchema>;

/** A filesystem mounted on an instance. */
export const FilesystemMountEntrySchema = v.looseObject({
  mount_point: v.string(),
  file_system_id: v.string(),
});

/**
 * An instance. Fields added by later API versions (`private_ip`, `actions`, `tags`,
 * `file_system_mounts`, `firewall_rulesets`, `image`) may be absent; `ip` appears partway
 * through booting.
 */
export const InstanceSchema = v.looseObject({
  id: v.string(),
  name: v.nullish(v.string()),
  ip: v.nullish(v.string()),
  private_ip: v.nullish(v.string()),
  status: InstanceStatusSchema,
  ssh_key_names: v.array(v.string()),
  file_system_names: v.array(v.string()),
  file_system_mounts: v.optional(v.array(FilesystemMountEntrySchema)),
  region: RegionSchema,
  instance_type: InstanceTypeSchema,
  image: v.optional(v.looseObject({ id: v.string(), family: v.string() })),
  hostname: v.nullish(v.string()),
  jupyter_token: v.nullish(v.string()),
  jupyter_url: v.nullish(v.string()),
  actions: v.optional(InstanceActionAvailabilitySchema),
  tags: v.optional(v.array(TagEntrySchema)),
  firewall_rulesets: v.optional(v.array(FirewallRulesetEntrySchema)),
});
/** An instance. */
export type Instance = v.InferOutput<typeof InstanceSchema>;

/** Query of `GET /instances`. */
export const ListInstancesQuerySchema = v.strictObject({
  cluster_id: v.optional(boundedString(128)),
});
/** Query of `instances.list()`. */
export type ListInstancesQuery = v.InferInput<typeof ListInstancesQuerySchema>;

const instanceNameSchema = v.pipe(v.string("must be a string"), v.maxLength(64, "must be at most 64 characters"));

/** Body of `POST /instances/{id}`: rename and/or replace every tag (`[]` clears them). */
export const InstanceModificationRequestSchema = v.strictObject({
  name: v.optional(instanceNameSchema),
  tags: v.optional(v.array(RequestedTagEntrySchema)),
});
/** What `instances.update()` can change. */
export type InstanceModificationRequest = v.InferInput<typeof InstanceModificationRequestSchema>;

/** Mount points must be under /home, /lambda/nfs or /data. */
const MOUNT_POINT_PATTERN = /^(\/home|\/lambda\/nfs|\/data)[/a-zA-Z0-9-]*$/;
/** cloud-init user data may be at most 1 MiB of UTF-8. */
export const MAX_USER_DATA_BYTES = 1024 * 1024;
const utf8 = new TextEncoder();

/**
 * Exactly one SSH key name: the API takes one per launch, so the type is the one-element tuple
 * `[string]` (the length check makes the cast true at run time).
 */
const sshKeyNamesSchema = v.pipe(
  v.array(boundedString(64), "must be an array holding one SSH key name"),
  v.length(1, "must hold exactly one key name"),
) as unknown as v.GenericSchema<[string]>;

/** The launch body. Every documented limit is checked before sending. */
export const InstanceLaunchRequestSchema = v.strictObject({
  region_name: boundedString(64),
  instance_type_name: boundedString(128),
  ssh_key_names: sshKeyNamesSchema,
  file_system_names: v.optional(v.array(boundedString(60))),
  file_system_mounts: v.optional(
    v.array(
      v.strictObject({
        mount_point: v.pipe(
          v.string("must be a string"),
          v.maxLength(256, "must be at most 256 characters"),
          v.regex(
            MOUNT_POINT_PATTERN,
            "must start with /home, /lambda/nfs or /data and use only letters, digits, '-' and '/'",
          ),
        ),
        file_system_id: HexIdSchema,
      }),
    ),
  ),
  hostname: v.optional(
    v.pipe(
      v.string("must be a string"),
      v.regex(
        /^[a-z0-9][0-9a-z-]{0,62}$/,
        "must be 1-63 characters of lowercase letters, digits and '-', starting with a letter or digit",
      ),
    ),
  ),
  name: v.optional(instanceNameSchema),
  image: v.optional(
    v.union(
      [v.strictObject({ id: boundedString(128) }), v.strictObject({ family: boundedString(128) })],
      "must be either { id } or { family }",
    ),
  ),
  user_data: v.optional(
    v.pipe(
      v.string("must be a string"),
      v.check(
        (text) => utf8.encode(text).byteLength <= MAX_USER_DATA_BYTES,
        "must be at most 1 MiB (1,048,576 bytes) of UTF-8",
      ),
    ),
  ),
  tags: v.optional(v.array(RequestedTagEntrySchema)),
  firewall_rulesets: v.optional(v.array(v.strictObject({ id: HexIdSchema }))),
});
/** Everything `instances.launch()` accepts. */
export type InstanceLaunchRequest = v.InferInput<typeof InstanceLaunchRequestSchema>;

/** Payload of a successful launch: the ids of the new instances (always one today). */
export const InstanceLaunchResponseSchema = v.looseObject({ instance_ids: v.array(v.string()) });
/** Result of `instances.launch()`. */
export type InstanceLaunchResponse = v.InferOutput<typeof InstanceLaunchResponseSchema>;

/** Body of restart and terminate: one or more instance ids. */
export const InstanceIdsRequestSchema = v.strictObject({
  instance_ids: v.pipe(
    v.array(HexIdSchema, "must be an array of instance ids"),
    v.minLength(1, "must list at least one instance id"),
  ),
});

/** Payload of a restart: the restarted instances. */
export const InstanceRestartResponseSchema = v.looseObject({ restarted_instances: v.array(InstanceSchema) });
/** Result of `instances.restart()`. */
export type InstanceRestartResponse = v.InferOutput<typeof InstanceRestartResponseSchema>;

/** Payload of a terminate: the terminated instances. */
export const InstanceTerminateResponseSchema = v.looseObject({ terminated_instances: v.array(InstanceSchema) });
/** Result of `instances.terminate()`. */
export type InstanceTerminateResponse = v.InferOutput<typeof InstanceTerminateResponseSchema>;
