/** `client.firewallRules` (legacy, account-wide) and `client.firewallRulesets` (regional and global). */
import * as operations from "../operation-schemas.js";
import type { EmptyResponse } from "../schemas/common.js";
import type {
  CreateFirewallRulesetRequest,
  FirewallRule,
  FirewallRuleset,
  GlobalFirewallRuleset,
  RequestedFirewallRule,
  UpdateFirewallRulesetRequest,
  UpdateGlobalFirewallRulesetRequest,
} from "../schemas/firewall.js";
import type { RequestOptions } from "../transport/transport.js";
import { Resource } from "./resource.js";

/**
 * Legacy inbound firewall rules (they do not apply in us-south-1): `client.firewallRules` of a `LambdaCloudClient`, or a client of this group alone, which takes
 * the same options and bundles only this group's operations.
 * @example
 * ```ts
 * const rules = await new FirewallRulesClient().list();
 * ```
 */
export class FirewallRulesClient extends Resource {
  /** Lists the legacy inbound rules. */
  list(options?: RequestOptions): Promise<FirewallRule[]> {
    return this.transport.call(operations.firewallRulesList, {}, options);
  }

  /**
   * Replaces every legacy inbound rule with `rules`; an empty list removes them all.
   * @example
   * ```ts
   * await client.firewallRules.replace([
   *   { protocol: "tcp", port_range: [22, 22], source_network: "0.0.0.0/0", description: "SSH" },
   * ]);
   * ```
   */
  replace(rules: readonly RequestedFirewallRule[], options?: RequestOptions): Promise<FirewallRule[]> {
    return this.transport.call(operations.firewallRulesSet, { body: { data: rules } }, options);
  }
}

/**
 * Regional firewall rulesets and the account-wide global ruleset: `client.firewallRulesets` of a `LambdaCloudClient`, or a client of this group alone, which takes
 * the same options and bundles only this group's operations.
 * @example
 * ```ts
 * const global = await new FirewallRulesetsClient().getGlobal();
 * ```
 */
export class FirewallRulesetsClient extends Resource {
  /** Lists the regional rulesets. */
  list(options?: RequestOptions): Promise<FirewallRuleset[]> {
    return this.transport.call(operations.firewallRulesetsList, {}, options);
  }

  /** Creates a ruleset in a region. */
  create(request: CreateFirewallRulesetRequest, options?: RequestOptions): Promise<FirewallRuleset> {
    return this.transport.call(operations.createFirewallRuleset, { body: request }, options);
  }

  /** Gets one ruleset by id. */
  get(id: string, options?: RequestOptions): Promise<FirewallRuleset> {
    return this.transport.call(operations.getFirewallRuleset, { params: { id } }, options);
  }

  /** Renames a ruleset and/or replaces its rules. */
  update(id: string, patch: UpdateFirewallRulesetRequest, options?: RequestOptions): Promise<FirewallRuleset> {
    return this.transport.call(operations.updateFirewallRuleset, { params: { id }, body: patch }, options);
  }

  /** Deletes a ruleset that no instance uses. */
  delete(id: string, options?: RequestOptions): Promise<EmptyResponse> {
    return this.transport.call(operations.deleteFirewallRuleset, { params: { id } }, options);
  }

  /** Gets the global ruleset, which applies in every region. */
  getGlobal(options?: RequestOptions): Promise<GlobalFirewallRuleset> {
    return this.transport.call(operations.getGlobalFirewallRuleset, {}, options);
  }

  /** Replaces the global ruleset's rules. */
  updateGlobal(patch: UpdateGlobalFirewallRulesetRequest, options?: RequestOptions): Promise<GlobalFirewallRuleset> {
    return this.transport.call(operations.updateGlobalFirewallRuleset, { body: patch }, options);
  }
}
