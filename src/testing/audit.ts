/**
 * The audit log: every mutating call (success or failure) records who did what with which
 * key, by LRN (never the key itself), and the log is read page by page with filters.
 */
import type { OperationId, OperationSpec, Operations } from "../operation-schemas.js";
import type { AuditEvent } from "../schemas/audit-events.js";
import { lrnOf, type ResourceType } from "./lrn.js";
import type { Store } from "./store.js";

/** Operations that change something, and so are audited. */
export type MutatingOperationId = {
  [Id in OperationId]: Operations[Id]["access"] extends "read" ? never : Id;
}[OperationId];

/** What each mutating operation is called in the log: the resource type and the action. */
const AUDITED: { readonly [Id in MutatingOperationId]: readonly [ResourceType, string] } = {
  postInstance: ["instance", "instance.update"],
  launchInstance: ["instance", "instance.launch"],
  restartInstance: ["instance", "instance.restart"],
  terminateInstance: ["instance", "instance.terminate"],
  addSSHKey: ["ssh_key", "ssh_key.create"],
  deleteSSHKey: ["ssh_key", "ssh_key.delete"],
  createFilesystem: ["filesystem", "filesystem.create"],
  filesystemDelete: ["filesystem", "filesystem.delete"],
  firewallRulesSet: ["firewall_rule", "firewall_rule.replace"],
  createFirewallRuleset: ["firewall_ruleset", "firewall_ruleset.create"],
  updateGlobalFirewallRuleset: ["firewall_ruleset", "firewall_ruleset.update_global"],
  updateFirewallRuleset: ["firewall_ruleset", "firewall_ruleset.update"],
  deleteFirewallRuleset: ["firewall_ruleset", "firewall_ruleset.delete"],
  createTicket: ["ticket", "ticket.create"],
  updateTicket: ["ticket", "ticket.update"],
  initiateAttachmentUpload: ["attachment", "attachment.initiate_upload"],
  completeAttachmentUpload: ["attachment", "attachment.complete_upload"],
  deleteAttachment: ["attachment", "attachment.delete"],
};

/** One mutating call, as the dispatcher saw it. */
export interface AuditedCall {
  readonly operation: OperationSpec;
  /** LRN of the key that made the call. */
  readonly apiKeyLrn: string;
  readonly statusCode: number;
  readonly resources: readonly string[];
  readonly userAgent: string | null;
}

/** Appends the event of a call to the log; read-only operations are not recorded. */
export function recordAuditEvent(store: Store, call: AuditedCall): void {
  const audited = AUDITED[call.operation.id as MutatingOperationId] as readonly [ResourceType, string] | undefined;
  if (!audited) return;
  const [resourceType, action] = audited;
  const userLrn = lrnOf("user", store.user.id);
  store.auditEvents.push({
    service_name: "cloud",
    resource_name: resourceType,
    action,
    catalog_version: "1.0.0",
    event_id: store.random.uuid(),
    event_time: store.timestamp(),
    actor_lrn: userLrn,
    actor_email: store.user.email,
    actor_display_name: store.user.displayName,
    resource_lrns: [...call.resources],
    resource_owner_lrn: userLrn,
    request_api_key_lrn: call.apiKeyLrn,
    workspace_lrn: null,
    client_ip: "127.0.0.1",
    client_user_agent: call.userAgent,
    surface: "api",
    result: { status: call.statusCode < 400 ? "success" : "failure", status_code: call.statusCode },
    additional_details: { operation_id: call.operation.id },
  });
}

/** Filters of the log; `start` and `end` are inclusive ISO 8601 times, `resource_type` is `cloud.<type>`. */
export interface AuditFilter {
  readonly start?: string | undefined;
  readonly end?: string | undefined;
  readonly resource_type?: string | undefined;
}

/** The events matching the filters, oldest first. */
export function filterAuditEvents(events: readonly AuditEvent[], filter: AuditFilter): AuditEvent[] {
  const start = filter.start === undefined ? -Infinity : Date.parse(filter.start);
  const end = filter.end === undefined ? Infinity : Date.parse(filter.end);
  return events.filter((event) => {
    const time = Date.parse(event.event_time);
    return (
      time >= start &&
      time <= end &&
      (filter.resource_type === undefined || `cloud.${event.resource_name}` === filter.resource_type)
    );
  });
}
