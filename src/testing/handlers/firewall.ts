/** Firewall: legacy account-wide rules (list, replace all), regional rulesets (CRUD) and the global ruleset. */

import { ErrorCodes } from "../../error-codes.js";
import type { FirewallRule, FirewallRuleset } from "../../schemas/firewall.js";
import { invalidParameters, SimulatorApiError } from "../envelope.js";
import { lrnOf } from "../lrn.js";
import type { RulesetRecord, Store } from "../store.js";
import type { HandlerTable } from "./types.js";

/** The global ruleset's fixed id and name. */
const GLOBAL = { id: "global", name: "Global firewall rules" } as const;

/** Rules as stored: copies, with a bare address written as a /32 network. */
function normalizeRules(rules: readonly FirewallRule[]): FirewallRule[] {
  return rules.map((rule) => ({
    protocol: rule.protocol,
    ...(rule.port_range ? { port_range: [...rule.port_range] } : {}),
    source_network: rule.source_network.includes("/") ? rule.source_network : `${rule.source_network}/32`,
    description: rule.description,
  }));
}

/** The ruleset as the API shows it, with the instances that use it. */
export function rulesetView(store: Store, ruleset: RulesetRecord): FirewallRuleset {
  return {
    id: ruleset.id,
    name: ruleset.name,
    region: { ...ruleset.region },
    rules: normalizeRules(ruleset.rules),
    created: ruleset.created,
    instance_ids: [...store.instances.values()]
      .filter((instance) => instance.firewallRulesetIds.includes(ruleset.id))
      .map((instance) => instance.id),
  };
}

function findRuleset(store: Store, id: string): RulesetRecord {
  const ruleset = store.rulesets.get(id);
  if (!ruleset)
    throw new SimulatorApiError(
      404,
      ErrorCodes.objectDoesNotExist,
      `No firewall ruleset with id ${id} exists.`,
      "List your firewall rulesets to find the right id.",
    );
  return ruleset;
}

/** Creates a regional ruleset; the region must exist and the quota allow it. */
export function createRuleset(
  store: Store,
  request: { name: string; region: string; rules: readonly FirewallRule[] },
): RulesetRecord {
  const region = store.catalog.region(request.region);
  if (!region)
    throw invalidParameters([
      { path: "region", message: `"${request.region}" is not a region; list the regions to see which exist` },
    ]);
  if (store.rulesets.size >= store.quotas.firewallRulesets) {
    throw new SimulatorApiError(
      400,
      ErrorCodes.quotaExceeded,
      `The account may have at most ${store.quotas.firewallRulesets} firewall rulesets.`,
      "Delete a ruleset or ask support to raise the quota.",
    );
  }
  const ruleset: RulesetRecord = {
    id: store.newId(),
    name: request.name,
    region,
    rules: normalizeRules(request.rules),
    created: store.timestamp(),
  };
  store.rulesets.set(ruleset.id, ruleset);
  return ruleset;
}

const globalView = (store: Store) => ({ ...GLOBAL, rules: normalizeRules(store.globalRules) });

/** Handlers of the firewall operations. */
export const firewallHandlers: HandlerTable<
  | "firewallRulesList"
  | "firewallRulesSet"
  | "firewallRulesetsList"
  | "createFirewallRuleset"
  | "getGlobalFirewallRuleset"
  | "updateGlobalFirewallRuleset"
  | "getFirewallRuleset"
  | "updateFirewallRuleset"
  | "deleteFirewallRuleset"
> = {
  firewallRulesList: ({ store }) => ({ payload: normalizeRules(store.legacyRules) }),
  firewallRulesSet: ({ store, body }) => {
    store.legacyRules = normalizeRules(body.data);
    return { payload: normalizeRules(store.legacyRules), resources: [lrnOf("firewall_rule", "legacy")] };
  },
  firewallRulesetsList: ({ store }) => ({
    payload: [...store.rulesets.values()].map((ruleset) => rulesetView(store, ruleset)),
  }),
  createFirewallRuleset: ({ store, body }) => {
    const ruleset = createRuleset(store, body);
    return { payload: rulesetView(store, ruleset), resources: [lrnOf("firewall_ruleset", ruleset.id)] };
  },
  getGlobalFirewallRuleset: ({ store }) => ({ payload: globalView(store) }),
  updateGlobalFirewallRuleset: ({ store, body }) => {
    if (body.rules !== undefined) store.globalRules = normalizeRules(body.rules);
    return { payload: globalView(store), resources: [lrnOf("firewall_ruleset", GLOBAL.id)] };
  },
  getFirewallRuleset: ({ store, params }) => ({ payload: rulesetView(store, findRuleset(store, params.id)) }),
  updateFirewallRuleset: ({ store, params, body }) => {
    const ruleset = findRuleset(store, params.id);
    if (body.name !== undefined) ruleset.name = body.name;
    if (body.rules !== undefined) ruleset.rules = normalizeRules(body.rules);
    return { payload: rulesetView(store, ruleset), resources: [lrnOf("firewall_ruleset", ruleset.id)] };
  },
  deleteFirewallRuleset: ({ store, params }) => {
    const ruleset = findRuleset(store, params.id);
    const users = rulesetView(store, ruleset).instance_ids;
    if (users.length > 0) {
      throw new SimulatorApiError(
        400,
        ErrorCodes.firewallRulesetInUse,
        `The firewall ruleset "${ruleset.name}" is attached to ${users.length} instance(s): ${users.join(", ")}.`,
        "Terminate those instances, wait until they are gone, then delete the ruleset.",
      );
    }
    store.rulesets.delete(ruleset.id);
    return { payload: {}, resources: [lrnOf("firewall_ruleset", ruleset.id)] };
  },
};
