/**
 * THE table of the Lambda Cloud API's 34 operations: the one place where methods, paths,
 * access levels and schemas are written. The client's resources, the proxy's allowlist and
 * the simulator's router are all derived from it, and a test holds it against the spec.
 */
import * as v from "valibot";
import { AuditEventsQuerySchema, AuditEventsResponseSchema } from "./schemas/audit-events.js";
import { EmptyResponseSchema, HEX_ID, type IdFormat, OPAQUE_ID, RegionSchema } from "./schemas/common.js";
import { CreateFilesystemRequestSchema, FilesystemDeleteResponseSchema, FilesystemSchema } from "./schemas/filesystems.js";
import {
  CreateFirewallRulesetRequestSchema,
  FirewallRuleSchema,
  FirewallRulesetSchema,
  FirewallRulesPutRequestSchema,
  GlobalFirewallRulesetSchema,
  UpdateFirewallRulesetRequestSchema,
  UpdateGlobalFirewallRulesetRequestSchema,
} from "./schemas/firewall.js";
import { ImageSchema } from "./schemas/images.js";
import { InstanceTypesSchema } from "./schemas/instance-types.js";
import {
  InstanceIdsRequestSchema,
  InstanceLaunchRequestSchema,
  InstanceLaunchResponseSchema,
  InstanceModificationRequestSchema,
  InstanceRestartResponseSchema,
  InstanceSchema,
  InstanceTerminateResponseSchema,
  ListInstancesQuerySchema,
} from "./schemas/instances.js";
import { AddSSHKeyRequestSchema, AddSSHKeyResponseSchema, SSHKeySchema } from "./schemas/ssh-keys.js";
import {
  AttachmentDownloadResponseSchema,
  AttachmentInitiateResponseSchema,
  AttachmentListResponseSchema,
  AttachmentSchema,
  InitiateAttachmentRequestSchema,
  ListAttachmentsQuerySchema,
  ListTicketsQuerySchema,
  TicketCreateRequestSchema,
  TicketCreateResponseSchema,
  TicketListResponseSchema,
  TicketSchema,
  TicketUpdateRequestSchema,
} from "./schemas/tickets.js";

/** HTTP methods the API uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * How much an operation can change: `read` changes nothing, `write` creates or updates,
 * `destructive` terminates, deletes, or replaces every firewall rule.
 */
export type AccessLevel = "read" | "write" | "destructive";

/** Any valibot schema, as stored in the table. */
// The table stores schemas of every shape, so the input and output types are left open here.
export type AnySchema = v.GenericSchema<any, any>;

/** One operation of the API, as described by the table. */
export interface OperationSpec {
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
  /** Strict schema of the query string, when the operation takes one. Its keys are the only query parameters allowed. */
  readonly query?: AnySchema;
  /** Strict schema of the JSON body, when the operation takes one. */
  readonly body?: AnySchema;
  /** Loose schema of the response payload (`data`, or the whole body when `envelope` is `"body"`). */
  readonly response: AnySchema;
  /** `"data"` (default): the payload is the envelope's `data`. `"body"`: the whole body is the payload. */
  readonly envelope?: "data" | "body";
  /** The success status the API answers with. @default 200 */
  readonly successStatus?: 200 | 202;
  /**
   * A failure after the request may have reached the server (connection lost, timeout, 5xx)
   * leaves the outcome unknown and costly to repeat: it is reported as
   * `LaunchOutcomeUnknownError` and never retried.
   */
  readonly outcomeUnknownOnFailure?: boolean;
}


function defineOperations<const Table extends Record<string, Omit<OperationSpec, "id">>>(
  table: Table,
): { readonly [Id in keyof Table & string]: Table[Id] & { readonly id: Id } } {
  return Object.fromEntries(Object.entries(table).map(([id, spec]) => [id, { ...spec, id }])) as never;
}

/** Every operation of Lambda Cloud API v1.10.0, keyed by operationId. */
export const operations = defineOperations({
  // Instances
  listInstances: {
    method: "GET",
    path: "/instances",
    params: {},
    access: "read",
    query: ListInstancesQuerySchema,
    response: v.array(InstanceSchema),
  },
  getInstance: { method: "GET", path: "/instances/{id}", params: { id: HEX_ID }, access: "read", response: InstanceSchema },
  postInstance: {
    method: "POST",
    path: "/instances/{id}",
    params: { id: HEX_ID },
    access: "write",
    body: InstanceModificationRequestSchema,
    response: InstanceSchema,
  },
  listInstanceTypes: { method: "GET", path: "/instance-types", params: {}, access: "read", response: InstanceTypesSchema },
  launchInstance: {
    method: "POST",
    path: "/instance-operations/launch",
    params: {},
    access: "write",
    body: InstanceLaunchRequestSchema,
    response: InstanceLaunchResponseSchema,
    outcomeUnknownOnFailure: true,
  },
  restartInstance: {
    method: "POST",
    path: "/instance-operations/restart",
    params: {},
    access: "write",
    body: InstanceIdsRequestSchema,
    response: InstanceRestartResponseSchema,
  },
  terminateInstance: {
    method: "POST",
    path: "/instance-operations/terminate",
    params: {},
    access: "destructive",
    body: InstanceIdsRequestSchema,
    response: InstanceTerminateResponseSchema,
  },
  // Regions and images
  listRegions: { method: "GET", path: "/regions", params: {}, access: "read", response: v.array(RegionSchema) },
  listImages: { method: "GET", path: "/images", params: {}, access: "read", response: v.array(ImageSchema) },
  // SSH keys
  listSSHKeys: { method: "GET", path: "/ssh-keys", params: {}, access: "read", response: v.array(SSHKeySchema) },
  addSSHKey: {
    method: "POST",
    path: "/ssh-keys",
    params: {},
    access: "write",
    body: AddSSHKeyRequestSchema,
    response: AddSSHKeyResponseSchema,
  },
  deleteSSHKey: {
    method: "DELETE",
    path: "/ssh-keys/{id}",
    params: { id: HEX_ID },
    access: "destructive",
    response: EmptyResponseSchema,
  },
  // Filesystems (the API lists at /file-systems and creates at /filesystems)
  listFilesystems: { method: "GET", path: "/file-systems", params: {}, access: "read", response: v.array(FilesystemSchema) },
  createFilesystem: {
    method: "POST",
    path: "/filesystems",
    params: {},
    access: "write",
    body: CreateFilesystemRequestSchema,
    response: FilesystemSchema,
  },
  filesystemDelete: {
    method: "DELETE",
    path: "/filesystems/{id}",
    params: { id: HEX_ID },
    access: "destructive",
    response: FilesystemDeleteResponseSchema,
  },
  // Legacy firewall rules
  firewallRulesList: { method: "GET", path: "/firewall-rules", params: {}, access: "read", response: v.array(FirewallRuleSchema) },
  firewallRulesSet: {
    method: "PUT",
    path: "/firewall-rules",
    params: {},
    access: "destructive",
    body: FirewallRulesPutRequestSchema,
    response: v.array(FirewallRuleSchema),
  },
  // Firewall rulesets
  firewallRulesetsList: {
    method: "GET",
    path: "/firewall-rulesets",
    params: {},
    access: "read",
    response: v.array(FirewallRulesetSchema),
  },
  createFirewallRuleset: {
    method: "POST",
    path: "/firewall-rulesets",
    params: {},
    access: "write",
    body: CreateFirewallRulesetRequestSchema,
    response: FirewallRulesetSchema,
  },
  getGlobalFirewallRuleset: {
    method: "GET",
    path: "/firewall-rulesets/global",
    params: {},
    access: "read",
    response: GlobalFirewallRulesetSchema,
  },
  updateGlobalFirewallRuleset: {
    method: "PATCH",
    path: "/firewall-rulesets/global",
    params: {},
    access: "destructive",
    body: UpdateGlobalFirewallRulesetRequestSchema,
    response: GlobalFirewallRulesetSchema,
  },
  getFirewallRuleset: {
    method: "GET",
    path: "/firewall-rulesets/{id}",
    params: { id: HEX_ID },
    access: "read",
    response: FirewallRulesetSchema,
  },
  updateFirewallRuleset: {
    method: "PATCH",
    path: "/firewall-rulesets/{id}",
    params: { id: HEX_ID },
    access: "write",
    body: UpdateFirewallRulesetRequestSchema,
    response: FirewallRulesetSchema,
  },
  deleteFirewallRuleset: {
    method: "DELETE",
    path: "/firewall-rulesets/{id}",
    params: { id: HEX_ID },
    access: "destructive",
    response: EmptyResponseSchema,
  },
  // Audit events
  getAuditEvents: {
    method: "GET",
    path: "/audit-events",
    params: {},
    access: "read",
    query: AuditEventsQuerySchema,
    response: AuditEventsResponseSchema,
    envelope: "body",
  },
  // Support tickets
  listTickets: {
    method: "GET",
    path: "/tickets",
    params: {},
    access: "read",
    query: ListTicketsQuerySchema,
    response: TicketListResponseSchema,
  },
  createTicket: {
    method: "POST",
    path: "/tickets",
    params: {},
    access: "write",
    body: TicketCreateRequestSchema,
    response: TicketCreateResponseSchema,
  },
  getTicket: { method: "GET", path: "/tickets/{ticket_id}", params: { ticket_id: HEX_ID }, access: "read", response: TicketSchema },
  updateTicket: {
    method: "PATCH",
    path: "/tickets/{ticket_id}",
    params: { ticket_id: HEX_ID },
    access: "write",
    body: TicketUpdateRequestSchema,
    response: EmptyResponseSchema,
    successStatus: 202,
  },
  listAttachments: {
    method: "GET",
    path: "/tickets/{ticket_id}/attachments",
    params: { ticket_id: HEX_ID },
    access: "read",
    query: ListAttachmentsQuerySchema,
    response: AttachmentListResponseSchema,
  },
  initiateAttachmentUpload: {
    method: "POST",
    path: "/tickets/{ticket_id}/attachments",
    params: { ticket_id: HEX_ID },
    access: "write",
    body: InitiateAttachmentRequestSchema,
    response: AttachmentInitiateResponseSchema,
  },
  completeAttachmentUpload: {
    method: "POST",
    path: "/tickets/{ticket_id}/attachments/{attachment_id}/complete",
    params: { ticket_id: HEX_ID, attachment_id: OPAQUE_ID },
    access: "write",
    response: AttachmentSchema,
  },
  getAttachmentDownloadUrl: {
    method: "GET",
    path: "/tickets/{ticket_id}/attachments/{attachment_id}/download",
    params: { ticket_id: HEX_ID, attachment_id: OPAQUE_ID },
    access: "read",
    response: AttachmentDownloadResponseSchema,
  },
  deleteAttachment: {
    method: "DELETE",
    path: "/tickets/{ticket_id}/attachments/{attachment_id}",
    params: { ticket_id: HEX_ID, attachment_id: OPAQUE_ID },
    access: "destructive",
    response: EmptyResponseSchema,
  },
});

/** The operations table's type. */
export type Operations = typeof operations;
/** An operationId, e.g. `"launchInstance"`. */
export type OperationId = keyof Operations;
/** Every operation, in table order. */
export const operationList: readonly OperationSpec[] = Object.values(operations);

/** The payload an operation returns (validated output type). */
export type ResponseOf<Op extends OperationSpec> = v.InferOutput<Op["response"]>;
/** The body an operation accepts (input type), or `undefined`. */
export type BodyOf<Op extends OperationSpec> = Op["body"] extends AnySchema ? v.InferInput<Op["body"]> : undefined;
/** The query an operation accepts (input type), or `undefined`. */
export type QueryOf<Op extends OperationSpec> = Op["query"] extends AnySchema ? v.InferInput<Op["query"]> : undefined;
/** The path parameters an operation needs, by name. */
export type ParamsOf<Op extends OperationSpec> = { readonly [Name in keyof Op["params"]]: string };
