/**
 * The operations table with schemas: each operation's route from `operations.ts` (the one place
 * where paths are written) joined with its request and response schemas and the generated fast
 * check of its answers. The client's resources validate with it and the simulator routes and
 * validates with it. Each operation is also a binding of its own (`listInstances`, …), which is
 * what the resources use, so that a bundle of one resource group holds only that group's
 * schemas. TypeScript refuses a missing or extra operation, and a body schema where the route
 * takes none.
 */
import * as v from "valibot";
import type { FastCheck } from "./fast-check-helpers.js";
import * as answerChecks from "./fast-checks.generated.js";
import { type OperationId, type OperationRoute, operationRoutes as routes } from "./operations.js";
import { AuditEventsQuerySchema, AuditEventsResponseSchema } from "./schemas/audit-events.js";
import { EmptyResponseSchema, RegionSchema } from "./schemas/common.js";
import {
  CreateFilesystemRequestSchema,
  FilesystemDeleteResponseSchema,
  FilesystemSchema,
} from "./schemas/filesystems.js";
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

export type { AccessLevel, HttpMethod, OperationId, OperationRoute } from "./operations.js";

/** Any valibot schema, as stored in the table. */
// biome-ignore lint/suspicious/noExplicitAny: the table stores schemas of every shape, so input and output stay open.
export type AnySchema = v.GenericSchema<any, any>;

/** One operation of the API, as described by the table: its route and its schemas. */
export interface OperationSpec extends OperationRoute {
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
   * The generated check of a valid answer (src/fast-checks.generated.ts): `true` exactly when the
   * response schema accepts the payload unchanged. The client runs valibot only when it says no.
   */
  readonly answerCheck?: FastCheck;
}

/** The part of an operation that the route table does not hold: its schemas and client behaviour. */
type OperationSchemas = Omit<OperationSpec, keyof OperationRoute>;
type Routes = typeof routes;
/** The schemas a route needs: a body schema exactly when the route takes a body. */
type SchemasFor<Route> = Route extends { readonly hasBody: true }
  ? OperationSchemas & { readonly body: AnySchema }
  : OperationSchemas & { readonly body?: never };

/**
 * Joins the route of `id` with its schemas. Exported for the type tests that prove what it
 * refuses (test/types/operations-table.test-d.ts).
 */
/* @__NO_SIDE_EFFECTS__ */
export function withSchemas<const Id extends OperationId, const Schemas extends SchemasFor<Routes[Id]>>(
  id: Id,
  schemas: Schemas,
): Routes[Id] & Schemas {
  return { ...routes[id], ...schemas };
}

/**
 * The table of every operation, keyed by id; TypeScript refuses one that misses an operation of
 * the route table, has one more, or files an operation under another's id. Exported for the
 * type tests (test/types/operations-table.test-d.ts).
 */
/* @__NO_SIDE_EFFECTS__ */
export function completeTable<
  const Table extends { readonly [Id in OperationId]: OperationSpec & { readonly id: Id } } & {
    readonly [Extra in Exclude<keyof Table, OperationId>]: never;
  },
>(table: Table): Table {
  return table;
}

// Instances
export const listInstances = withSchemas("listInstances", {
  query: ListInstancesQuerySchema,
  response: v.array(InstanceSchema),
  answerCheck: answerChecks.listInstances,
});
export const getInstance = withSchemas("getInstance", {
  response: InstanceSchema,
  answerCheck: answerChecks.getInstance,
});
export const postInstance = withSchemas("postInstance", {
  body: InstanceModificationRequestSchema,
  response: InstanceSchema,
  answerCheck: answerChecks.postInstance,
});
export const listInstanceTypes = withSchemas("listInstanceTypes", {
  response: InstanceTypesSchema,
  answerCheck: answerChecks.listInstanceTypes,
});
export const launchInstance = withSchemas("launchInstance", {
  body: InstanceLaunchRequestSchema,
  response: InstanceLaunchResponseSchema,
  answerCheck: answerChecks.launchInstance,
});
export const restartInstance = withSchemas("restartInstance", {
  body: InstanceIdsRequestSchema,
  response: InstanceRestartResponseSchema,
  answerCheck: answerChecks.restartInstance,
});
export const terminateInstance = withSchemas("terminateInstance", {
  body: InstanceIdsRequestSchema,
  response: InstanceTerminateResponseSchema,
  answerCheck: answerChecks.terminateInstance,
});
// Regions and images
export const listRegions = withSchemas("listRegions", {
  response: v.array(RegionSchema),
  answerCheck: answerChecks.listRegions,
});
export const listImages = withSchemas("listImages", {
  response: v.array(ImageSchema),
  answerCheck: answerChecks.listImages,
});
// SSH keys
export const listSSHKeys = withSchemas("listSSHKeys", {
  response: v.array(SSHKeySchema),
  answerCheck: answerChecks.listSSHKeys,
});
export const addSSHKey = withSchemas("addSSHKey", {
  body: AddSSHKeyRequestSchema,
  response: AddSSHKeyResponseSchema,
  answerCheck: answerChecks.addSSHKey,
});
export const deleteSSHKey = withSchemas("deleteSSHKey", {
  response: EmptyResponseSchema,
  answerCheck: answerChecks.deleteSSHKey,
});
// Filesystems (the API lists at /file-systems and creates at /filesystems)
export const listFilesystems = withSchemas("listFilesystems", {
  response: v.array(FilesystemSchema),
  answerCheck: answerChecks.listFilesystems,
});
export const createFilesystem = withSchemas("createFilesystem", {
  body: CreateFilesystemRequestSchema,
  response: FilesystemSchema,
  answerCheck: answerChecks.createFilesystem,
});
export const filesystemDelete = withSchemas("filesystemDelete", {
  response: FilesystemDeleteResponseSchema,
  answerCheck: answerChecks.filesystemDelete,
});
// Legacy firewall rules
export const firewallRulesList = withSchemas("firewallRulesList", {
  response: v.array(FirewallRuleSchema),
  answerCheck: answerChecks.firewallRulesList,
});
export const firewallRulesSet = withSchemas("firewallRulesSet", {
  body: FirewallRulesPutRequestSchema,
  response: v.array(FirewallRuleSchema),
  answerCheck: answerChecks.firewallRulesSet,
});
// Firewall rulesets
export const firewallRulesetsList = withSchemas("firewallRulesetsList", {
  response: v.array(FirewallRulesetSchema),
  answerCheck: answerChecks.firewallRulesetsList,
});
export const createFirewallRuleset = withSchemas("createFirewallRuleset", {
  body: CreateFirewallRulesetRequestSchema,
  response: FirewallRulesetSchema,
  answerCheck: answerChecks.createFirewallRuleset,
});
export const getGlobalFirewallRuleset = withSchemas("getGlobalFirewallRuleset", {
  response: GlobalFirewallRulesetSchema,
  answerCheck: answerChecks.getGlobalFirewallRuleset,
});
export const updateGlobalFirewallRuleset = withSchemas("updateGlobalFirewallRuleset", {
  body: UpdateGlobalFirewallRulesetRequestSchema,
  response: GlobalFirewallRulesetSchema,
  answerCheck: answerChecks.updateGlobalFirewallRuleset,
});
export const getFirewallRuleset = withSchemas("getFirewallRuleset", {
  response: FirewallRulesetSchema,
  answerCheck: answerChecks.getFirewallRuleset,
});
export const updateFirewallRuleset = withSchemas("updateFirewallRuleset", {
  body: UpdateFirewallRulesetRequestSchema,
  response: FirewallRulesetSchema,
  answerCheck: answerChecks.updateFirewallRuleset,
});
export const deleteFirewallRuleset = withSchemas("deleteFirewallRuleset", {
  response: EmptyResponseSchema,
  answerCheck: answerChecks.deleteFirewallRuleset,
});
// Audit events
export const getAuditEvents = withSchemas("getAuditEvents", {
  query: AuditEventsQuerySchema,
  response: AuditEventsResponseSchema,
  envelope: "body",
  answerCheck: answerChecks.getAuditEvents,
});
// Support tickets
export const listTickets = withSchemas("listTickets", {
  query: ListTicketsQuerySchema,
  response: TicketListResponseSchema,
  answerCheck: answerChecks.listTickets,
});
export const createTicket = withSchemas("createTicket", {
  body: TicketCreateRequestSchema,
  response: TicketCreateResponseSchema,
  answerCheck: answerChecks.createTicket,
});
export const getTicket = withSchemas("getTicket", { response: TicketSchema, answerCheck: answerChecks.getTicket });
export const updateTicket = withSchemas("updateTicket", {
  body: TicketUpdateRequestSchema,
  response: EmptyResponseSchema,
  successStatus: 202,
  answerCheck: answerChecks.updateTicket,
});
export const listAttachments = withSchemas("listAttachments", {
  query: ListAttachmentsQuerySchema,
  response: AttachmentListResponseSchema,
  answerCheck: answerChecks.listAttachments,
});
export const initiateAttachmentUpload = withSchemas("initiateAttachmentUpload", {
  body: InitiateAttachmentRequestSchema,
  response: AttachmentInitiateResponseSchema,
  answerCheck: answerChecks.initiateAttachmentUpload,
});
export const completeAttachmentUpload = withSchemas("completeAttachmentUpload", {
  response: AttachmentSchema,
  answerCheck: answerChecks.completeAttachmentUpload,
});
export const getAttachmentDownloadUrl = withSchemas("getAttachmentDownloadUrl", {
  response: AttachmentDownloadResponseSchema,
  answerCheck: answerChecks.getAttachmentDownloadUrl,
});
export const deleteAttachment = withSchemas("deleteAttachment", {
  response: EmptyResponseSchema,
  answerCheck: answerChecks.deleteAttachment,
});

/** Every operation of Lambda Cloud API v1.10.0, keyed by operationId. */
export const operations = completeTable({
  listInstances,
  getInstance,
  postInstance,
  listInstanceTypes,
  launchInstance,
  restartInstance,
  terminateInstance,
  listRegions,
  listImages,
  listSSHKeys,
  addSSHKey,
  deleteSSHKey,
  listFilesystems,
  createFilesystem,
  filesystemDelete,
  firewallRulesList,
  firewallRulesSet,
  firewallRulesetsList,
  createFirewallRuleset,
  getGlobalFirewallRuleset,
  updateGlobalFirewallRuleset,
  getFirewallRuleset,
  updateFirewallRuleset,
  deleteFirewallRuleset,
  getAuditEvents,
  listTickets,
  createTicket,
  getTicket,
  updateTicket,
  listAttachments,
  initiateAttachmentUpload,
  completeAttachmentUpload,
  getAttachmentDownloadUrl,
  deleteAttachment,
});

/** The operations table's type. */
export type Operations = typeof operations;
/** Every operation, in table order. */
export const operationList: readonly OperationSpec[] = /* @__PURE__ */ Object.values(operations);

/** The payload an operation returns (validated output type). */
export type ResponseOf<Op extends OperationSpec> = v.InferOutput<Op["response"]>;
/** The body an operation accepts (input type), or `undefined`. */
export type BodyOf<Op extends OperationSpec> = Op["body"] extends AnySchema ? v.InferInput<Op["body"]> : undefined;
/** The query an operation accepts (input type), or `undefined`. */
export type QueryOf<Op extends OperationSpec> = Op["query"] extends AnySchema ? v.InferInput<Op["query"]> : undefined;
/** The path parameters an operation needs, by name. */
export type ParamsOf<Op extends OperationSpec> = { readonly [Name in keyof Op["params"]]: string };
