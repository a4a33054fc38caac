/**
 * The simulator's in-memory records, and the few rules every resource group shares:
 * new ids, timestamps, the lifecycle sweep that forgets terminated instances, capacity and
 * quotas. Resource rules live in `handlers/`.
 */

import type { AuditEvent } from "../schemas/audit-events.js";
import type { Region } from "../schemas/common.js";
import type { FirewallRule } from "../schemas/firewall.js";
import type { InstanceType } from "../schemas/instance-types.js";
import type { Ticket } from "../schemas/tickets.js";
import type { CapacityScriptEntry } from "./capacity-script.js";
import type { Catalog } from "./catalog.js";
import type { SimulatorClock } from "./clock.js";
import { type LifecycleTimes, statusAt } from "./lifecycle.js";
import type { Random } from "./random.js";

/** Per-account limits; a create beyond one answers `global/quota-exceeded`. */
export interface Quotas {
  /** Instances that exist at once (terminated ones stop counting when they disappear). @default 10 */
  readonly instances: number;
  /** Filesystems. @default 10 */
  readonly filesystems: number;
  /** Regional firewall rulesets. @default 10 */
  readonly firewallRulesets: number;
}

/** The default quotas. */
export const DEFAULT_QUOTAS: Quotas = { instances: 10, filesystems: 10, firewallRulesets: 10 };

/** An instance as stored. */
export interface InstanceRecord extends LifecycleTimes {
  readonly id: string;
  name: string | undefined;
  readonly region: Region;
  readonly instanceType: InstanceType;
  readonly sshKeyNames: readonly string[];
  readonly mounts: readonly { readonly mount_point: string; readonly file_system_id: string }[];
  readonly image: { readonly id: string; readonly family: string };
  readonly hostname: string;
  readonly ip: string;
  readonly privateIp: string;
  readonly jupyterToken: string;
  tags: { key: string; value: string }[];
  readonly firewallRulesetIds: readonly string[];
  bootStartedAt: number;
  terminateRequestedAt: number | undefined;
}

/** An SSH key as stored. */
export interface SSHKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly public_key: string;
}

/** A filesystem as stored. */
export interface FilesystemRecord {
  readonly id: string;
  readonly name: string;
  readonly region: Region;
  readonly created: string;
  readonly mount_point: string;
}

/** A regional firewall ruleset as stored. */
export interface RulesetRecord {
  readonly id: string;
  name: string;
  readonly region: Region;
  rules: FirewallRule[];
  readonly created: string;
}

/** A ticket as stored: the API's view plus request-only fields. */
export interface TicketRecord extends Ticket {
  readonly requester_email?: string | undefined;
}

/** A ticket attachment as stored, with its bytes once uploaded. */
export interface AttachmentRecord {
  readonly ticketId: string;
  readonly id: string;
  readonly filename: string;
  readonly content_type: string;
  readonly size_bytes: number;
  upload_status: "pending" | "uploaded" | "failed" | "deleted";
  readonly created_at: string;
  uploaded_at: string | undefined;
  readonly uploadToken: string;
  readonly uploadExpiresAt: number;
  readonly downloadToken: string;
  bytes: Uint8Array | undefined;
}

/** The account user every action is attributed to. */
export interface AccountUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
}

/** Everything the simulated account holds. */
export class Store {
  readonly instances = new Map<string, InstanceRecord>();
  readonly sshKeys = new Map<string, SSHKeyRecord>();
  readonly filesystems = new Map<string, FilesystemRecord>();
  readonly rulesets = new Map<string, RulesetRecord>();
  readonly tickets = new Map<string, TicketRecord>();
  readonly attachments = new Map<string, AttachmentRecord>();
  readonly auditEvents: AuditEvent[] = [];
  /** Capacity set through `sim.state.setCapacity`, by `type/region`; it overrides the seed's figures. */
  readonly capacityOverrides = new Map<string, number>();
  /** Scripted capacity not applied yet, in the order it applies; see {@link applyDueCapacity}. */
  private capacityScript: CapacityScriptEntry[] = [];
  /** The simulated time the simulator started at; scripted `at` times count from it. */
  readonly startedAt: number;
  legacyRules: FirewallRule[];
  globalRules: FirewallRule[];
  quotas: Quotas;
  readonly user: AccountUser;

  constructor(
    readonly catalog: Catalog,
    readonly clock: SimulatorClock,
    readonly random: Random,
    readonly bootMs: number,
    quotas: Quotas,
  ) {
    this.quotas = quotas;
    this.startedAt = clock.now();
    this.user = { id: random.hex(32), email: "simulated-user@example.com", displayName: "Simulated User" };
    const ssh: FirewallRule = {
      protocol: "tcp",
      port_range: [22, 22],
      source_network: "0.0.0.0/0",
      description: "Allow SSH from anywhere",
    };
    this.legacyRules = [ssh];
    this.globalRules = [ssh];
  }

  /** A new 32-character hex id. */
  newId(): string {
    return this.random.hex(32);
  }

  /** The simulated time as an ISO 8601 string. */
  timestamp(): string {
    return new Date(this.clock.now()).toISOString();
  }

  /** Forgets instances whose termination has run its course. Called before every request. */
  sweep(): void {
    const now = this.clock.now();
    for (const [id, instance] of this.instances) {
      if (statusAt(instance, now, this.bootMs) === "gone") this.instances.delete(id);
    }
  }

  /** Sets the scripted capacity, already checked and in the order it applies. */
  scriptCapacity(entries: readonly CapacityScriptEntry[]): void {
    this.capacityScript = [...entries];
  }

  /** Turns every scripted entry whose time has come into an override, in order, as `setCapacity` would have. */
  applyDueCapacity(): void {
    const elapsed = this.clock.now() - this.startedAt;
    while (this.capacityScript.length > 0 && (this.capacityScript[0] as CapacityScriptEntry).at <= elapsed) {
      const { type, region, units } = this.capacityScript.shift() as CapacityScriptEntry;
      this.capacityOverrides.set(`${type}/${region}`, units);
    }
  }

  /** How many more instances of a type the region can take right now. */
  availableCapacity(type: string, region: string): number {
    this.applyDueCapacity();
    const base =
      this.capacityOverrides.get(`${type}/${region}`) ?? this.catalog.baseCapacity(type, region, this.clock.now());
    const running = [...this.instances.values()].filter(
      (instance) =>
        instance.instanceType.name === type &&
        instance.region.name === region &&
        instance.terminateRequestedAt === undefined,
    ).length;
    return Math.max(0, base - running);
  }
}
