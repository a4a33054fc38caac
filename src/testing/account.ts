/**
 * The account a simulator starts with: an `AccountFixture` lists what exists, in the API's own
 * request shapes (what you would send to create each thing), and is applied through the same
 * rules as the API's calls. `DEMO_ACCOUNT` is what `lambda-cloud-simulator` serves by default.
 */
import { type AnySchema, operations } from "../operation-schemas.js";
import type { CreateFirewallRulesetRequest } from "../schemas/firewall.js";
import type { InstanceLaunchRequest } from "../schemas/instances.js";
import type { AddSSHKeyRequest } from "../schemas/ssh-keys.js";
import type { TicketCreateRequest } from "../schemas/tickets.js";
import { validate } from "../validation.js";
import { type Problem, SimulatorApiError } from "./envelope.js";
import { createFilesystem } from "./handlers/filesystems.js";
import { createRuleset } from "./handlers/firewall.js";
import { launchInstance } from "./handlers/instances.js";
import { addSSHKey } from "./handlers/ssh-keys.js";
import { createTicket } from "./handlers/tickets.js";
import type { Quotas, Store } from "./store.js";

/** A type's capacity in a region, pinned as `sim.state.setCapacity` does. */
export interface CapacityFixture {
  /** The instance type's name, e.g. `"gpu_1x_a10"`. */
  readonly instance_type_name: string;
  /** The region's name, e.g. `"us-east-1"`. */
  readonly region_name: string;
  /** Instances of the type the region can hold at once, the fixture's own included. */
  readonly units: number;
}

/**
 * What a simulated account holds when the simulator starts. Every list is optional and is
 * applied in this order: quotas, capacity, SSH keys, filesystems, firewall rulesets, instances
 * (already active, referring to keys and filesystems by name), tickets. Ids are generated.
 * @example
 * ```json
 * {
 *   "ssh_keys": [{ "name": "laptop", "public_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB0p me@laptop" }],
 *   "filesystems": [{ "name": "datasets", "region": "us-west-1" }],
 *   "instances": [{ "name": "train", "region_name": "us-west-1", "instance_type_name": "gpu_1x_a10", "ssh_key_names": ["laptop"], "file_system_names": ["datasets"] }],
 *   "capacity": [{ "instance_type_name": "gpu_1x_a10", "region_name": "us-west-1", "units": 4 }]
 * }
 * ```
 */
export interface AccountFixture {
  /** Account quotas. @default { instances: 10, filesystems: 10, firewallRulesets: 10 } */
  readonly quotas?: Partial<Quotas>;
  /** Pinned capacity; types and regions left out keep the seed's changing figures. */
  readonly capacity?: readonly CapacityFixture[];
  /** SSH keys, as `POST /ssh-keys` takes them (no `public_key` generates one). */
  readonly ssh_keys?: readonly AddSSHKeyRequest[];
  /** Filesystems, as `POST /filesystems` takes them. */
  readonly filesystems?: readonly { readonly name: string; readonly region: string }[];
  /** Regional firewall rulesets, as `POST /firewall-rulesets` takes them. */
  readonly firewall_rulesets?: readonly CreateFirewallRulesetRequest[];
  /** Instances, as a launch takes them; they start active, whatever the capacity. */
  readonly instances?: readonly InstanceLaunchRequest[];
  /** Support tickets, as `POST /tickets` takes them. */
  readonly tickets?: readonly TicketCreateRequest[];
}

/** The account `lambda-cloud-simulator` starts with unless given `--empty` or `--fixture FILE`. */
export const DEMO_ACCOUNT: AccountFixture = {
  capacity: [
    { instance_type_name: "gpu_1x_a10", region_name: "us-west-1", units: 6 },
    { instance_type_name: "gpu_1x_a100_sxm4", region_name: "us-west-1", units: 3 },
    { instance_type_name: "gpu_1x_h100_pcie", region_name: "us-east-1", units: 2 },
  ],
  ssh_keys: [{ name: "laptop" }],
  filesystems: [{ name: "shared-datasets", region: "us-west-1" }],
  instances: [
    {
      name: "training-a100",
      region_name: "us-west-1",
      instance_type_name: "gpu_1x_a100_sxm4",
      ssh_key_names: ["laptop"],
      file_system_names: ["shared-datasets"],
      tags: [{ key: "team", value: "research" }],
    },
    {
      name: "notebook",
      region_name: "us-west-1",
      instance_type_name: "gpu_1x_a10",
      ssh_key_names: ["laptop"],
      file_system_names: ["shared-datasets"],
    },
    {
      name: "inference",
      region_name: "us-east-1",
      instance_type_name: "gpu_1x_h100_pcie",
      ssh_key_names: ["laptop"],
      tags: [{ key: "env", value: "staging" }],
    },
  ],
  tickets: [
    {
      subject: "Raise my instance quota",
      description: "We need 16 instances for a training run next week.",
      type: "service_request",
    },
  ],
};

/** A fixture that cannot be applied; `problems` name each bad field by its path, e.g. `instances[1].region_name`. */
export class AccountFixtureError extends TypeError {
  /** The error's name, always `"AccountFixtureError"` (kept when the error is serialised). */
  override name = "AccountFixtureError";
  /** Builds the error from every problem found in the fixture. */
  constructor(readonly problems: readonly Problem[]) {
    super(
      `Invalid account fixture: ${problems.map((problem) => `${problem.path}: ${problem.message.replace(/\.$/, "")}`).join("; ")}.`,
    );
  }
}

const FIELDS = ["quotas", "capacity", "ssh_keys", "filesystems", "firewall_rulesets", "instances", "tickets"] as const;
const QUOTA_NAMES: readonly (keyof Quotas)[] = ["instances", "filesystems", "firewallRulesets"];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
function fail(path: string, message: string): never {
  throw new AccountFixtureError([{ path, message }]);
}
const wholeNumber = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/** The entries of a list field, or a problem when the field is not a list of objects. */
function entries(fixture: Record<string, unknown>, field: string): Record<string, unknown>[] {
  const list = fixture[field] ?? [];
  if (!Array.isArray(list)) return fail(field, `must be a list, got ${typeof list}`);
  for (const [index, entry] of list.entries()) if (!isRecord(entry)) fail(`${field}[${index}]`, "must be an object");
  return list as Record<string, unknown>[];
}

/** Runs each entry of a list field through the API's request schema and rule, naming the entry's path in any problem. */
function createEach<T>(
  account: Record<string, unknown>,
  field: string,
  schema: AnySchema | undefined,
  apply: (request: T) => unknown,
): void {
  for (const [index, entry] of entries(account, field).entries()) create(`${field}[${index}]`, schema, entry, apply);
}

/** Runs one create through the API's request schema and rule, naming the entry's path in any problem. */
function create<T>(path: string, schema: AnySchema | undefined, entry: unknown, apply: (request: T) => unknown): void {
  const checked = validate(schema as AnySchema, entry, path);
  if (!checked.ok) throw new AccountFixtureError(checked.problems);
  try {
    apply(checked.value as T);
  } catch (error) {
    if (!(error instanceof SimulatorApiError)) throw error;
    throw new AccountFixtureError(
      error.problems?.map((problem) => ({ path: `${path}.${problem.path}`, message: problem.message })) ?? [
        { path, message: error.message },
      ],
    );
  }
}

function applyQuotas(store: Store, quotas: unknown): void {
  if (quotas === undefined) return;
  if (!isRecord(quotas)) fail("quotas", 'must be an object such as { "instances": 10 }');
  for (const [name, value] of Object.entries(quotas)) {
    if (!QUOTA_NAMES.includes(name as keyof Quotas))
      fail(`quotas.${name}`, `is not a quota; the quotas are ${QUOTA_NAMES.join(", ")}`);
    if (!wholeNumber(value)) fail(`quotas.${name}`, `must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
  }
  store.quotas = { ...store.quotas, ...(quotas as Partial<Quotas>) };
}

function applyCapacity(store: Store, entry: Record<string, unknown>, path: string): void {
  const { instance_type_name: type, region_name: region, units } = entry;
  if (typeof type !== "string" || !store.catalog.instanceType(type))
    fail(`${path}.instance_type_name`, `${JSON.stringify(type)} is not an instance type of the simulator`);
  if (typeof region !== "string" || !store.catalog.region(region))
    fail(`${path}.region_name`, `${JSON.stringify(region)} is not a region of the simulator`);
  if (!wholeNumber(units)) fail(`${path}.units`, `must be a whole number ≥ 0, got ${JSON.stringify(units)}`);
  store.capacityOverrides.set(`${type as string}/${region as string}`, units as number);
}

/**
 * Applies a fixture to a fresh store.
 * @throws {AccountFixtureError} naming the first field that is unknown, of the wrong shape, or refused by the API's rules.
 */
export function applyAccount(store: Store, fixture: unknown): void {
  if (!isRecord(fixture)) fail("(root)", `must be a JSON object with any of the fields ${FIELDS.join(", ")}`);
  const account = fixture as Record<string, unknown>;
  for (const field of Object.keys(account)) {
    if (!(FIELDS as readonly string[]).includes(field))
      fail(field, `is not a field of an account fixture; the fields are ${FIELDS.join(", ")}`);
  }
  applyQuotas(store, account.quotas);
  for (const [index, entry] of entries(account, "capacity").entries())
    applyCapacity(store, entry, `capacity[${index}]`);
  createEach(account, "ssh_keys", operations.addSSHKey.body, (request: AddSSHKeyRequest) => addSSHKey(store, request));
  createEach(account, "filesystems", operations.createFilesystem.body, (request: { name: string; region: string }) =>
    createFilesystem(store, request),
  );
  createEach(
    account,
    "firewall_rulesets",
    operations.createFirewallRuleset.body,
    (request: Parameters<typeof createRuleset>[1]) => createRuleset(store, request),
  );
  createEach(account, "instances", operations.launchInstance.body, (request: Parameters<typeof launchInstance>[1]) =>
    launchInstance(store, request, { alreadyRunning: true }),
  );
  createEach(account, "tickets", operations.createTicket.body, (request: Parameters<typeof createTicket>[1]) =>
    createTicket(store, request),
  );
}
