/**
 * The operations table with schemas: each operation's route from `operations.ts` (the one place
 * where paths are written) joined with its request and response schemas. The client's
 * resources validate with it and the simulator routes and validates with it. TypeScript
 * refuses a missing or extra operation, and a body schema where the route takes none.
 */
import * as v from "valibot";
import { type OperationRoute, operationRoutes as routes } from "./operations.js";
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
}

/** The part of an operation that the route table does not hold: its schemas and client behaviour. */
type OperationSchemas = Omit<OperationSpec, keyof OperationRoute>;
type Routes = typeof routes;
/** The schemas a route needs: a body schema exactly when the route takes a body. */
type SchemasFor<Route> = Route extends { readonly hasBody: true }
  ? OperationSchemas & { readonly body: AnySchema }
  : OperationSchemas & { readonly body?: never };

/**
 * Adds each route's schemas; every route must get an entry, and no entry may lack a route.
 * Exported for the type tests that prove it (test/types/operations-table.test-d.ts).
 */
export function withSchemas<
  const Table extends { readonly [Id in keyof Routes]: SchemasFor<Routes[Id]> } & {
    readonly [Extra in Exclude<keyof Table, keyof Routes>]: never;
  },
>(table: Table): { readonly [Id in keyof Routes]: Routes[Id] & Table[Id] } {
  return Object.fromEntries(
    Object.entries(table).map(([id, schemas]) => [id, { ...routes[id as keyof Routes], ...schemas }]),
  ) as never;
}

/** Every operation of Lambda Cloud API v1.10.0, keyed by operationId. */
export const operations = withSchemas({
  // Instances
  listInstances: { query: ListInstancesQuerySchema, response: v.array(InstanceSchema) },
  getInstance: { response: InstanceSchema },
  postInstance: { body: InstanceModificationRequestSchema, response: InstanceSchema },
  listInstanceTypes: { response: InstanceTypesSchema },
  launchInstance: { body: InstanceLaunchRequestSchema, response: InstanceLaunchResponseSchema },
  restartInstance: { body: InstanceIdsRequestSchema, response: InstanceRestartResponseSchema },
  terminateInstance: { body: InstanceIdsRequestSchema, response: InstanceTerminateResponseSchema },
  // Regions and images
  listRegions: { response: v.array(RegionSchema) },
  listImages: { response: v.array(ImageSchema) },
  // SSH keys
  listSSHKeys: { response: v.array(SSHKeySchema) },
  addSSHKey: { body: AddSSHKeyRequestSchema, response: AddSSHKeyResponseSchema },
  deleteSSHKey: { response: EmptyResponseSchema },
  // Filesystems (the API lists at /file-systems and creates at /filesystems)
  listFilesystems: { response: v.array(FilesystemSchema) },
  createFilesystem: { body: CreateFilesystemRequestSchema, response: FilesystemSchema },
  filesystemDelete: { response: FilesystemDeleteResponseSchema },
  // Legacy firewall rules
  firewallRulesList: { response: v.array(FirewallRuleSchema) },
  firewallRulesSet: { body: FirewallRulesPutRequestSchema, response: v.array(FirewallRuleSchema) },
  // Firewall rulesets
  firewallRulesetsList: { response: v.array(FirewallRulesetSchema) },
  createFirewallRuleset: { body: CreateFirewallRulesetRequestSchema, response: FirewallRulesetSchema },
  getGlobalFirewallRuleset: { response: GlobalFirewallRulesetSchema },
  updateGlobalFirewallRuleset: {
    body: UpdateGlobalFirewallRulesetRequestSchema,
    response: GlobalFirewallRulesetSchema,
  },
  getFirewallRuleset: { response: FirewallRulesetSchema },
  updateFirewallRuleset: { body: UpdateFirewallRulesetRequestSchema, response: FirewallRulesetSchema },
  deleteFirewallRuleset: { response: EmptyResponseSchema },
  // Audit events
  getAuditEvents: { query: AuditEventsQuerySchema, response: AuditEventsResponseSchema, envelope: "body" },
  // Support tickets
  listTickets: { query: ListTicketsQuerySchema, response: TicketListResponseSchema },
  createTicket: { body: TicketCreateRequestSchema, response: TicketCreateResponseSchema },
  getTicket: { response: TicketSchema },
  updateTicket: { body: TicketUpdateRequestSchema, response: EmptyResponseSchema, successStatus: 202 },
  listAttachments: { query: ListAttachmentsQuerySchema, response: AttachmentListResponseSchema },
  initiateAttachmentUpload: { body: InitiateAttachmentRequestSchema, response: AttachmentInitiateResponseSchema },
  completeAttachmentUpload: { response: AttachmentSchema },
  getAttachmentDownloadUrl: { response: AttachmentDownloadResponseSchema },
  deleteAttachment: { response: EmptyResponseSchema },
});

/** The operations table's type. */
export type Operations = typeof operations;
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
