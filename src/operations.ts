/**
 * THE table of the Lambda Cloud API's 34 operations: method, path template, path-parameter
 * formats, access level, query parameter names and whether a body is taken. The one place
 * where API paths are written. The proxy's allowlist routes with it directly; it imports no
 * schema library, so the proxy stays small. `operation-schemas.ts` joins each entry with its
 * request and response schemas for the client's resources and the simulator's router, and
 * tests hold both against the spec. The error codes the API answers with are in
 * `error-codes.ts`.
 */
import { HEX_ID, type IdFormat, OPAQUE_ID } from "./id-formats.js";

/** HTTP methods the API uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * How much an operation can change: `read` changes nothing, `write` creates or updates,
 * `destructive` terminates, deletes, or replaces every firewall rule.
 */
export type AccessLevel = "read" | "write" | "destructive";

/** Where an operation lives and what it may carry, without its schemas. */
export interface OperationRoute {
  /** The spec's operationId, e.g. `"listInstances"`. */
  readonly id: string;
  /** HTTP method. */
  readonly method: HttpMethod;
  /** Path template under the base URL, e.g. `"/instances/{id}"`. */
  readonly path: string;
  /** The format each path parameter must have, by name. */
  readonly params: Readonly<Record<string, IdFormat>>;
  /** What the operation can change. */
  readonly access: AccessLevel;
  /** The names of the query parameters the operation defines (the keys of its query schema). */
  readonly queryKeys?: readonly string[];
  /** Whether the operation takes a JSON body (it has a body schema). */
  readonly hasBody?: boolean;
  /** What the operation reads or changes; the gateway caches reads and invalidates writes by it. */
  readonly resource: ResourceName;
  /** Other resources a write makes stale, e.g. a launch changes capacity and mounts filesystems. */
  readonly alsoChanges?: readonly ResourceName[];
  /**
   * A failure after the request may have reached the server (connection lost, timeout, 5xx)
   * leaves the outcome unknown and costly to repeat: the client reports it as
   * `LaunchOutcomeUnknownError` and never retries it; the gateway never re-sends it. Such an
   * operation also draws from the API's launch budget.
   */
  readonly outcomeUnknownOnFailure?: boolean;
}

/** The API's resources, as the gateway's cache groups them. */
export type ResourceName =
  | "instances"
  | "instance-types"
  | "regions"
  | "images"
  | "ssh-keys"
  | "filesystems"
  | "firewall-rules"
  | "firewall-rulesets"
  | "audit-events"
  | "tickets";

/**
 * How long a cached read of each resource stays fresh in the gateway, in milliseconds:
 * instances change by the second while booting, capacity by the minute, the rest rarely.
 */
export const resourceFreshnessMs: Readonly<Record<ResourceName, number>> = {
  instances: 2_000,
  "instance-types": 10_000,
  regions: 60_000,
  images: 60_000,
  "ssh-keys": 60_000,
  filesystems: 60_000,
  "firewall-rules": 60_000,
  "firewall-rulesets": 60_000,
  "audit-events": 10_000,
  tickets: 10_000,
};

/** The resources a write makes stale: its own, and those in `alsoChanges`. */
export function resourcesChangedBy(operation: OperationRoute): readonly ResourceName[] {
  return operation.access === "read" ? [] : [operation.resource, ...(operation.alsoChanges ?? [])];
}

function defineRoutes<const Table extends Record<string, Omit<OperationRoute, "id">>>(
  table: Table,
): { readonly [Id in keyof Table & string]: Table[Id] & { readonly id: Id } } {
  return Object.fromEntries(Object.entries(table).map(([id, route]) => [id, { ...route, id }])) as never;
}

/** The route of every operation of Lambda Cloud API v1.10.0, keyed by operationId. */
export const operationRoutes = defineRoutes({
  // Instances
  listInstances: {
    method: "GET",
    path: "/instances",
    params: {},
    access: "read",
    resource: "instances",
    queryKeys: ["cluster_id"],
  },
  getInstance: {
    method: "GET",
    path: "/instances/{id}",
    params: { id: HEX_ID },
    access: "read",
    resource: "instances",
  },
  postInstance: {
    method: "POST",
    path: "/instances/{id}",
    params: { id: HEX_ID },
    access: "write",
    resource: "instances",
    hasBody: true,
  },
  listInstanceTypes: { method: "GET", path: "/instance-types", params: {}, access: "read", resource: "instance-types" },
  launchInstance: {
    method: "POST",
    path: "/instance-operations/launch",
    params: {},
    access: "write",
    resource: "instances",
    alsoChanges: ["instance-types", "filesystems"],
    outcomeUnknownOnFailure: true,
    hasBody: true,
  },
  restartInstance: {
    method: "POST",
    path: "/instance-operations/restart",
    params: {},
    access: "write",
    resource: "instances",
    hasBody: true,
  },
  terminateInstance: {
    method: "POST",
    path: "/instance-operations/terminate",
    params: {},
    access: "destructive",
    resource: "instances",
    alsoChanges: ["filesystems"],
    hasBody: true,
  },
  // Regions and images
  listRegions: { method: "GET", path: "/regions", params: {}, access: "read", resource: "regions" },
  listImages: { method: "GET", path: "/images", params: {}, access: "read", resource: "images" },
  // SSH keys
  listSSHKeys: { method: "GET", path: "/ssh-keys", params: {}, access: "read", resource: "ssh-keys" },
  addSSHKey: { method: "POST", path: "/ssh-keys", params: {}, access: "write", resource: "ssh-keys", hasBody: true },
  deleteSSHKey: {
    method: "DELETE",
    path: "/ssh-keys/{id}",
    params: { id: HEX_ID },
    access: "destructive",
    resource: "ssh-keys",
  },
  // Filesystems (the API lists at /file-systems and creates at /filesystems)
  listFilesystems: { method: "GET", path: "/file-systems", params: {}, access: "read", resource: "filesystems" },
  createFilesystem: {
    method: "POST",
    path: "/filesystems",
    params: {},
    access: "write",
    resource: "filesystems",
    hasBody: true,
  },
  filesystemDelete: {
    method: "DELETE",
    path: "/filesystems/{id}",
    params: { id: HEX_ID },
    access: "destructive",
    resource: "filesystems",
  },
  // Legacy firewall rules
  firewallRulesList: { method: "GET", path: "/firewall-rules", params: {}, access: "read", resource: "firewall-rules" },
  firewallRulesSet: {
    method: "PUT",
    path: "/firewall-rules",
    params: {},
    access: "destructive",
    resource: "firewall-rules",
    alsoChanges: ["firewall-rulesets"],
    hasBody: true,
  },
  // Firewall rulesets
  firewallRulesetsList: {
    method: "GET",
    path: "/firewall-rulesets",
    params: {},
    access: "read",
    resource: "firewall-rulesets",
  },
  createFirewallRuleset: {
    method: "POST",
    path: "/firewall-rulesets",
    params: {},
    access: "write",
    resource: "firewall-rulesets",
    hasBody: true,
  },
  getGlobalFirewallRuleset: {
    method: "GET",
    path: "/firewall-rulesets/global",
    params: {},
    access: "read",
    resource: "firewall-rulesets",
  },
  updateGlobalFirewallRuleset: {
    method: "PATCH",
    path: "/firewall-rulesets/global",
    params: {},
    access: "destructive",
    resource: "firewall-rulesets",
    alsoChanges: ["firewall-rules"],
    hasBody: true,
  },
  getFirewallRuleset: {
    method: "GET",
    path: "/firewall-rulesets/{id}",
    params: { id: HEX_ID },
    access: "read",
    resource: "firewall-rulesets",
  },
  updateFirewallRuleset: {
    method: "PATCH",
    path: "/firewall-rulesets/{id}",
    params: { id: HEX_ID },
    access: "write",
    resource: "firewall-rulesets",
    hasBody: true,
  },
  deleteFirewallRuleset: {
    method: "DELETE",
    path: "/firewall-rulesets/{id}",
    params: { id: HEX_ID },
    access: "destructive",
    resource: "firewall-rulesets",
  },
  // Audit events
  getAuditEvents: {
    method: "GET",
    path: "/audit-events",
    params: {},
    access: "read",
    resource: "audit-events",
    queryKeys: ["start", "end", "resource_type", "page_token"],
  },
  // Support tickets
  listTickets: {
    method: "GET",
    path: "/tickets",
    params: {},
    access: "read",
    resource: "tickets",
    queryKeys: ["status", "type", "severity", "priority", "device_serial", "order_by", "direction", "page_token"],
  },
  createTicket: { method: "POST", path: "/tickets", params: {}, access: "write", resource: "tickets", hasBody: true },
  getTicket: {
    method: "GET",
    path: "/tickets/{ticket_id}",
    params: { ticket_id: HEX_ID },
    access: "read",
    resource: "tickets",
  },
  updateTicket: {
    method: "PATCH",
    path: "/tickets/{ticket_id}",
    params: { ticket_id: HEX_ID },
    access: "write",
    resource: "tickets",
    hasBody: true,
  },
  listAttachments: {
    method: "GET",
    path: "/tickets/{ticket_id}/attachments",
    params: { ticket_id: HEX_ID },
    access: "read",
    resource: "tickets",
    queryKeys: ["status"],
  },
  initiateAttachmentUpload: {
    method: "POST",
    path: "/tickets/{ticket_id}/attachments",
    params: { ticket_id: HEX_ID },
    access: "write",
    resource: "tickets",
    hasBody: true,
  },
  completeAttachmentUpload: {
    method: "POST",
    path: "/tickets/{ticket_id}/attachments/{attachment_id}/complete",
    params: { ticket_id: HEX_ID, attachment_id: OPAQUE_ID },
    access: "write",
    resource: "tickets",
  },
  getAttachmentDownloadUrl: {
    method: "GET",
    path: "/tickets/{ticket_id}/attachments/{attachment_id}/download",
    params: { ticket_id: HEX_ID, attachment_id: OPAQUE_ID },
    access: "read",
    resource: "tickets",
  },
  deleteAttachment: {
    method: "DELETE",
    path: "/tickets/{ticket_id}/attachments/{attachment_id}",
    params: { ticket_id: HEX_ID, attachment_id: OPAQUE_ID },
    access: "destructive",
    resource: "tickets",
  },
});

/** An operationId, e.g. `"launchInstance"`. */
export type OperationId = keyof typeof operationRoutes;

/** Every operation's route, in table order. */
export const operationRouteList: readonly OperationRoute[] = Object.values(operationRoutes);
