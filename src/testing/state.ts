/**
 * `sim.state`: read what the simulated account holds, and seed it without HTTP. Seeding
 * goes through the same rules and request schemas as the API (a bad seed throws the same
 * `SimulatorApiError` the API would answer with), but records no audit events.
 */
import type { AnySchema } from "../operation-schemas.js";
import { operations } from "../operation-schemas.js";
import type { AuditEvent } from "../schemas/audit-events.js";
import type { Filesystem } from "../schemas/filesystems.js";
import type { CreateFirewallRulesetRequest, FirewallRule, FirewallRuleset } from "../schemas/firewall.js";
import type { Instance, InstanceLaunchRequest } from "../schemas/instances.js";
import type { AddSSHKeyRequest, GeneratedSSHKey, SSHKey } from "../schemas/ssh-keys.js";
import type { Attachment, Ticket, TicketCreateRequest } from "../schemas/tickets.js";
import { validate } from "../validation.js";
import { invalidParameters } from "./envelope.js";
import { attachmentView } from "./handlers/attachments.js";
import { createFilesystem, filesystemView } from "./handlers/filesystems.js";
import { createRuleset, rulesetView } from "./handlers/firewall.js";
import { instanceView, launchInstance } from "./handlers/instances.js";
import { addSSHKey } from "./handlers/ssh-keys.js";
import { createTicket, ticketView } from "./handlers/tickets.js";
import type { Quotas, Store } from "./store.js";

/** Everything the account holds, as the API would show it. */
export interface StateSnapshot {
  /** Every instance, terminated ones until they are gone. */
  readonly instances: Instance[];
  /** Every SSH key (public keys only). */
  readonly ssh_keys: SSHKey[];
  /** Every filesystem. */
  readonly filesystems: Filesystem[];
  /** The global firewall rules. */
  readonly firewall_rules: FirewallRule[];
  /** Every firewall ruleset. */
  readonly firewall_rulesets: FirewallRuleset[];
  /** Every support ticket. */
  readonly tickets: Ticket[];
  /** The audit log, newest first. */
  readonly audit_events: AuditEvent[];
  /** The account's quotas. */
  readonly quotas: Quotas;
}

/** Read and seed the simulated account. */
export interface SimulatorState {
  /** Instances that still exist, as `GET` would show them now. */
  instances(): Instance[];
  /** One instance, or `undefined` when it does not exist (or is gone after termination). */
  instance(id: string): Instance | undefined;
  /** SSH keys. */
  sshKeys(): SSHKey[];
  /** Filesystems, with `is_in_use`. */
  filesystems(): Filesystem[];
  /** Legacy firewall rules. */
  firewallRules(): FirewallRule[];
  /** Regional firewall rulesets, with the instances that use them. */
  firewallRulesets(): FirewallRuleset[];
  /** Support tickets. */
  tickets(): Ticket[];
  /** A ticket's attachments in every status. */
  attachments(ticketId: string): Attachment[];
  /** The audit log, oldest first. */
  auditEvents(): AuditEvent[];
  /** Everything at once (what the bin's admin API returns). */
  snapshot(): StateSnapshot;
  /** How many more instances of a type the region can take now. */
  capacity(instanceTypeName: string, regionName: string): number;
  /**
   * Fixes a type's capacity in a region (instances it can hold at once, running ones
   * included), overriding the seed's changing figures; `undefined` restores them.
   * @example
   * ```ts
   * sim.state.setCapacity("gpu_1x_a10", "us-west-1", 0); // launches there now fail with insufficient-capacity
   * ```
   */
  setCapacity(instanceTypeName: string, regionName: string, units: number | undefined): void;
  /** Current quotas. */
  quotas(): Quotas;
  /** Changes some quotas. */
  setQuotas(quotas: Partial<Quotas>): void;
  /** Adds an SSH key (generated when `public_key` is left out; the private key is returned). */
  addSSHKey(request: AddSSHKeyRequest): SSHKey | GeneratedSSHKey;
  /** Creates a filesystem. */
  addFilesystem(request: { name: string; region: string }): Filesystem;
  /** Creates a regional firewall ruleset. */
  addFirewallRuleset(request: CreateFirewallRulesetRequest): FirewallRuleset;
  /** Launches an instance by every launch rule (capacity and quota included), without a rate limit. */
  launchInstance(request: InstanceLaunchRequest): Instance;
  /** Opens a support ticket. */
  addTicket(request: TicketCreateRequest): Ticket;
}

function checked<T>(schema: AnySchema | undefined, value: unknown): T {
  const result = validate(schema as AnySchema, value);
  if (!result.ok) throw invalidParameters(result.problems);
  return result.value as T;
}

/** Builds the facade over a store. */
export function createState(store: Store): SimulatorState {
  const fresh = <T>(read: () => T): T => {
    store.sweep();
    return read();
  };
  const state: SimulatorState = {
    instances: () => fresh(() => [...store.instances.values()].map((instance) => instanceView(store, instance))),
    instance: (id) =>
      fresh(() => {
        const instance = store.instances.get(id);
        return instance && instanceView(store, instance);
      }),
    sshKeys: () => [...store.sshKeys.values()].map((key) => ({ ...key })),
    filesystems: () =>
      fresh(() => [...store.filesystems.values()].map((filesystem) => filesystemView(store, filesystem))),
    firewallRules: () => structuredClone(store.legacyRules),
    firewallRulesets: () => fresh(() => [...store.rulesets.values()].map((ruleset) => rulesetView(store, ruleset))),
    tickets: () => [...store.tickets.values()].map(ticketView),
    attachments: (ticketId) =>
      [...store.attachments.values()].filter((entry) => entry.ticketId === ticketId).map(attachmentView),
    auditEvents: () => structuredClone(store.auditEvents),
    snapshot: () => ({
      instances: state.instances(),
      ssh_keys: state.sshKeys(),
      filesystems: state.filesystems(),
      firewall_rules: state.firewallRules(),
      firewall_rulesets: state.firewallRulesets(),
      tickets: state.tickets(),
      audit_events: state.auditEvents(),
      quotas: state.quotas(),
    }),
    capacity: (type, region) => fresh(() => store.availableCapacity(type, region)),
    setCapacity(type, region, units) {
      if (!store.catalog.instanceType(type))
        throw new TypeError(`setCapacity: "${type}" is not an instance type of the simulator.`);
      if (!store.catalog.region(region))
        throw new TypeError(`setCapacity: "${region}" is not a region of the simulator.`);
      // Entries already due apply first, so that this call overrides them, not the reverse.
      store.applyDueCapacity();
      if (units === undefined) store.capacityOverrides.delete(`${type}/${region}`);
      else if (!Number.isInteger(units) || units < 0)
        throw new TypeError(`setCapacity: units must be a whole number ≥ 0, got ${String(units)}.`);
      else store.capacityOverrides.set(`${type}/${region}`, units);
    },
    quotas: () => ({ ...store.quotas }),
    setQuotas(quotas) {
      store.quotas = { ...store.quotas, ...quotas };
    },
    addSSHKey(request) {
      const { key, privateKey } = addSSHKey(store, checked(operations.addSSHKey.body, request));
      return privateKey === undefined ? { ...key } : { ...key, private_key: privateKey };
    },
    addFilesystem: (request) =>
      filesystemView(store, createFilesystem(store, checked(operations.createFilesystem.body, request))),
    addFirewallRuleset: (request) =>
      rulesetView(store, createRuleset(store, checked(operations.createFirewallRuleset.body, request))),
    launchInstance: (request) =>
      fresh(() => instanceView(store, launchInstance(store, checked(operations.launchInstance.body, request)))),
    addTicket: (request) => ticketView(createTicket(store, checked(operations.createTicket.body, request))),
  };
  return state;
}
