// Each resource method's arguments and result, as users see them in the published declarations:
// a method takes exactly what its operation's schema accepts and resolves to what the schema
// outputs (BodyOf / QueryOf / ResponseOf of the table), so the resource layer cannot drift from
// the table. Run by `vitest --typecheck` (the "types" project).
import type {
  Attachment,
  AttachmentUpload,
  AuditEvent,
  AuditEventPage,
  Availability,
  AvailabilityFilter,
  BodyOf,
  Instance,
  LaunchOptions,
  LaunchWhenAvailableOptions,
  LaunchWhenAvailableRequest,
  LaunchWhenAvailableResult,
  Operations,
  QueryOf,
  RequestOptions,
  ResponseOf,
  Ticket,
  WaitForOptions,
} from "lambda-cloud";
import { LambdaCloudClient } from "lambda-cloud";
import { describe, expectTypeOf, it } from "vitest";

const client = new LambdaCloudClient({ apiKey: "k" });
type Body<Id extends keyof Operations> = BodyOf<Operations[Id]>;
type Query<Id extends keyof Operations> = QueryOf<Operations[Id]>;
type Answer<Id extends keyof Operations> = Promise<ResponseOf<Operations[Id]>>;

/** The method names of each resource group, so that a new method needs its line below. */
type Methods<Group> = {
  [Name in keyof Group]: Group[Name] extends (...args: never[]) => unknown ? Name : never;
}[keyof Group];

describe("client.instances", () => {
  const instances = client.instances;
  it("has these methods", () => {
    expectTypeOf<Methods<typeof instances>>().toEqualTypeOf<
      | "list"
      | "get"
      | "update"
      | "launch"
      | "launchWhenAvailable"
      | "findByIdempotencyToken"
      | "restart"
      | "terminate"
      | "waitFor"
    >();
  });
  it("types each method by its operation", () => {
    expectTypeOf(instances.list).parameters.toEqualTypeOf<[query?: Query<"listInstances">, options?: RequestOptions]>();
    expectTypeOf(instances.list).returns.toEqualTypeOf<Answer<"listInstances">>();
    expectTypeOf(instances.get).parameters.toEqualTypeOf<[id: string, options?: RequestOptions]>();
    expectTypeOf(instances.get).returns.toEqualTypeOf<Answer<"getInstance">>();
    expectTypeOf(instances.update).parameters.toEqualTypeOf<
      [id: string, changes: Body<"postInstance">, options?: RequestOptions]
    >();
    expectTypeOf(instances.update).returns.toEqualTypeOf<Answer<"postInstance">>();
    expectTypeOf(instances.launch).parameters.toEqualTypeOf<
      [request: Body<"launchInstance">, options?: LaunchOptions]
    >();
    expectTypeOf(instances.launch).returns.toEqualTypeOf<Answer<"launchInstance">>();
    expectTypeOf(instances.launchWhenAvailable).parameters.toEqualTypeOf<
      [request: LaunchWhenAvailableRequest, options?: LaunchWhenAvailableOptions]
    >();
    expectTypeOf(instances.launchWhenAvailable).returns.toEqualTypeOf<Promise<LaunchWhenAvailableResult>>();
    expectTypeOf<LaunchWhenAvailableRequest["ssh_key_names"]>().toEqualTypeOf<
      Body<"launchInstance">["ssh_key_names"]
    >();
    expectTypeOf(instances.findByIdempotencyToken).parameters.toEqualTypeOf<
      [token: string, options?: RequestOptions]
    >();
    expectTypeOf(instances.findByIdempotencyToken).returns.toEqualTypeOf<Answer<"listInstances">>();
    expectTypeOf(instances.restart).parameters.toEqualTypeOf<
      [ids: string | readonly string[], options?: RequestOptions]
    >();
    expectTypeOf(instances.restart).returns.toEqualTypeOf<Answer<"restartInstance">>();
    expectTypeOf(instances.terminate).parameters.toEqualTypeOf<
      [ids: string | readonly string[], options?: RequestOptions]
    >();
    expectTypeOf(instances.terminate).returns.toEqualTypeOf<Answer<"terminateInstance">>();
    expectTypeOf(instances.waitFor).parameters.toEqualTypeOf<[instance: string | Instance, options?: WaitForOptions]>();
    expectTypeOf(instances.waitFor).returns.toEqualTypeOf<Promise<Instance>>();
  });
  it("resolves to the fields users read", () => {
    expectTypeOf<ResponseOf<Operations["getInstance"]>>().toEqualTypeOf<Instance>();
    expectTypeOf<Instance["id"]>().toEqualTypeOf<string>();
    expectTypeOf<Awaited<ReturnType<typeof instances.launch>>["instance_ids"]>().toEqualTypeOf<string[]>();
  });
});

describe("client.instanceTypes, client.regions, client.images", () => {
  it("has these methods", () => {
    expectTypeOf<Methods<typeof client.instanceTypes>>().toEqualTypeOf<"list" | "availability">();
    expectTypeOf<Methods<typeof client.regions>>().toEqualTypeOf<"list">();
    expectTypeOf<Methods<typeof client.images>>().toEqualTypeOf<"list">();
  });
  it("types each method by its operation", () => {
    expectTypeOf(client.instanceTypes.list).parameters.toEqualTypeOf<[options?: RequestOptions]>();
    expectTypeOf(client.instanceTypes.list).returns.toEqualTypeOf<Answer<"listInstanceTypes">>();
    expectTypeOf(client.instanceTypes.availability).parameters.toEqualTypeOf<
      [filter?: AvailabilityFilter, options?: RequestOptions]
    >();
    expectTypeOf(client.instanceTypes.availability).returns.toEqualTypeOf<Promise<Availability[]>>();
    expectTypeOf(client.regions.list).parameters.toEqualTypeOf<[options?: RequestOptions]>();
    expectTypeOf(client.regions.list).returns.toEqualTypeOf<Answer<"listRegions">>();
    expectTypeOf(client.images.list).parameters.toEqualTypeOf<[options?: RequestOptions]>();
    expectTypeOf(client.images.list).returns.toEqualTypeOf<Answer<"listImages">>();
  });
});

describe("client.sshKeys and client.filesystems", () => {
  it("has these methods", () => {
    expectTypeOf<Methods<typeof client.sshKeys>>().toEqualTypeOf<"list" | "create" | "delete">();
    expectTypeOf<Methods<typeof client.filesystems>>().toEqualTypeOf<"list" | "create" | "delete">();
  });
  it("types each method by its operation", () => {
    expectTypeOf(client.sshKeys.list).returns.toEqualTypeOf<Answer<"listSSHKeys">>();
    expectTypeOf(client.sshKeys.create).parameters.toEqualTypeOf<
      [request: Body<"addSSHKey">, options?: RequestOptions]
    >();
    expectTypeOf(client.sshKeys.create).returns.toEqualTypeOf<Answer<"addSSHKey">>();
    expectTypeOf(client.sshKeys.delete).parameters.toEqualTypeOf<[id: string, options?: RequestOptions]>();
    expectTypeOf(client.sshKeys.delete).returns.toEqualTypeOf<Answer<"deleteSSHKey">>();
    expectTypeOf(client.filesystems.list).returns.toEqualTypeOf<Answer<"listFilesystems">>();
    expectTypeOf(client.filesystems.create).parameters.toEqualTypeOf<
      [request: Body<"createFilesystem">, options?: RequestOptions]
    >();
    expectTypeOf(client.filesystems.create).returns.toEqualTypeOf<Answer<"createFilesystem">>();
    expectTypeOf(client.filesystems.delete).parameters.toEqualTypeOf<[id: string, options?: RequestOptions]>();
    expectTypeOf(client.filesystems.delete).returns.toEqualTypeOf<Answer<"filesystemDelete">>();
  });
});

describe("client.firewallRules and client.firewallRulesets", () => {
  it("has these methods", () => {
    expectTypeOf<Methods<typeof client.firewallRules>>().toEqualTypeOf<"list" | "replace">();
    expectTypeOf<Methods<typeof client.firewallRulesets>>().toEqualTypeOf<
      "list" | "create" | "get" | "update" | "delete" | "getGlobal" | "updateGlobal"
    >();
  });
  it("types each method by its operation", () => {
    expectTypeOf(client.firewallRules.list).returns.toEqualTypeOf<Answer<"firewallRulesList">>();
    // The method takes the rules themselves (a read-only list); the operation's body wraps them in { data }.
    expectTypeOf(client.firewallRules.replace).parameters.toEqualTypeOf<
      [rules: readonly Body<"firewallRulesSet">["data"][number][], options?: RequestOptions]
    >();
    expectTypeOf(client.firewallRules.replace).returns.toEqualTypeOf<Answer<"firewallRulesSet">>();
    expectTypeOf(client.firewallRulesets.list).returns.toEqualTypeOf<Answer<"firewallRulesetsList">>();
    expectTypeOf(client.firewallRulesets.create).parameters.toEqualTypeOf<
      [request: Body<"createFirewallRuleset">, options?: RequestOptions]
    >();
    expectTypeOf(client.firewallRulesets.create).returns.toEqualTypeOf<Answer<"createFirewallRuleset">>();
    expectTypeOf(client.firewallRulesets.get).parameters.toEqualTypeOf<[id: string, options?: RequestOptions]>();
    expectTypeOf(client.firewallRulesets.get).returns.toEqualTypeOf<Answer<"getFirewallRuleset">>();
    expectTypeOf(client.firewallRulesets.update).parameters.toEqualTypeOf<
      [id: string, patch: Body<"updateFirewallRuleset">, options?: RequestOptions]
    >();
    expectTypeOf(client.firewallRulesets.update).returns.toEqualTypeOf<Answer<"updateFirewallRuleset">>();
    expectTypeOf(client.firewallRulesets.delete).returns.toEqualTypeOf<Answer<"deleteFirewallRuleset">>();
    expectTypeOf(client.firewallRulesets.getGlobal).returns.toEqualTypeOf<Answer<"getGlobalFirewallRuleset">>();
    expectTypeOf(client.firewallRulesets.updateGlobal).parameters.toEqualTypeOf<
      [patch: Body<"updateGlobalFirewallRuleset">, options?: RequestOptions]
    >();
    expectTypeOf(client.firewallRulesets.updateGlobal).returns.toEqualTypeOf<Answer<"updateGlobalFirewallRuleset">>();
  });
});

describe("client.auditEvents", () => {
  it("has these methods", () => {
    expectTypeOf<Methods<typeof client.auditEvents>>().toEqualTypeOf<"page" | "list">();
  });
  it("pages and iterates by the operation's query", () => {
    expectTypeOf(client.auditEvents.page).parameters.toEqualTypeOf<
      [query?: Query<"getAuditEvents">, options?: RequestOptions]
    >();
    expectTypeOf(client.auditEvents.page).returns.toEqualTypeOf<Promise<AuditEventPage>>();
    expectTypeOf(client.auditEvents.list).parameters.toEqualTypeOf<
      [query?: Query<"getAuditEvents">, options?: RequestOptions]
    >();
    expectTypeOf(client.auditEvents.list).returns.toEqualTypeOf<AsyncGenerator<AuditEvent, void, undefined>>();
  });
});

describe("client.tickets and client.tickets.attachments", () => {
  const { tickets } = client;
  it("has these methods", () => {
    expectTypeOf<Methods<typeof tickets>>().toEqualTypeOf<"page" | "list" | "create" | "get" | "update">();
    expectTypeOf<Methods<typeof tickets.attachments>>().toEqualTypeOf<
      "list" | "create" | "complete" | "downloadUrl" | "delete" | "upload"
    >();
  });
  it("types each method by its operation", () => {
    expectTypeOf(tickets.page).parameters.toEqualTypeOf<[query?: Query<"listTickets">, options?: RequestOptions]>();
    expectTypeOf(tickets.page).returns.toEqualTypeOf<Answer<"listTickets">>();
    expectTypeOf(tickets.list).returns.toEqualTypeOf<AsyncGenerator<Ticket, void, undefined>>();
    expectTypeOf(tickets.create).parameters.toEqualTypeOf<[request: Body<"createTicket">, options?: RequestOptions]>();
    expectTypeOf(tickets.create).returns.toEqualTypeOf<Answer<"createTicket">>();
    expectTypeOf(tickets.get).parameters.toEqualTypeOf<[ticketId: string, options?: RequestOptions]>();
    expectTypeOf(tickets.get).returns.toEqualTypeOf<Answer<"getTicket">>();
    expectTypeOf(tickets.update).parameters.toEqualTypeOf<
      [ticketId: string, request: Body<"updateTicket">, options?: RequestOptions]
    >();
    expectTypeOf(tickets.update).returns.toEqualTypeOf<Answer<"updateTicket">>();
  });
  it("types each attachment method by its operation", () => {
    const { attachments } = tickets;
    expectTypeOf(attachments.list).parameters.toEqualTypeOf<
      [ticketId: string, query?: Query<"listAttachments">, options?: RequestOptions]
    >();
    expectTypeOf(attachments.list).returns.toEqualTypeOf<Promise<Attachment[]>>();
    expectTypeOf(attachments.create).parameters.toEqualTypeOf<
      [ticketId: string, request: Body<"initiateAttachmentUpload">, options?: RequestOptions]
    >();
    expectTypeOf(attachments.create).returns.toEqualTypeOf<Answer<"initiateAttachmentUpload">>();
    expectTypeOf(attachments.complete).parameters.toEqualTypeOf<
      [ticketId: string, attachmentId: string, options?: RequestOptions]
    >();
    expectTypeOf(attachments.complete).returns.toEqualTypeOf<Answer<"completeAttachmentUpload">>();
    expectTypeOf(attachments.downloadUrl).returns.toEqualTypeOf<Answer<"getAttachmentDownloadUrl">>();
    expectTypeOf(attachments.delete).returns.toEqualTypeOf<Answer<"deleteAttachment">>();
    expectTypeOf(attachments.upload).parameters.toEqualTypeOf<
      [ticketId: string, file: AttachmentUpload, options?: RequestOptions]
    >();
    expectTypeOf(attachments.upload).returns.toEqualTypeOf<Promise<Attachment>>();
  });
});
