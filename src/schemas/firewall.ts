/** Schemas of firewall rules, regional rulesets and the global ruleset. */
import * as v from "valibot";
import { boundedString, openEnum, RegionSchema } from "./common.js";

/** A firewall rule as the API returns it. */
export const FirewallRuleSchema = v.looseObject({
  protocol: openEnum(["tcp", "udp", "icmp", "all"]),
  port_range: v.optional(v.array(v.number())),
  source_network: v.string(),
  description: v.string(),
});
/** A firewall rule. */
export type FirewallRule = v.InferOutput<typeof FirewallRuleSchema>;

const portSchema = v.pipe(
  v.number("must be a number"),
  v.integer("must be an integer port"),
  v.minValue(1, "must be at least 1"),
  v.maxValue(65535, "must be at most 65535"),
);

const IPV4_CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

function isIPv4Network(text: string): boolean {
  const match = IPV4_CIDR_PATTERN.exec(text);
  if (!match) return false;
  const [, a, b, c, d, prefix] = match;
  return [a, b, c, d].every((octet) => Number(octet) <= 255) && (prefix === undefined || Number(prefix) <= 32);
}

/**
 * A firewall rule to set. `port_range` (`[min, max]`, 1-65535) is required for tcp, udp and
 * all, and not allowed for icmp. `source_network` is an IPv4 CIDR; a bare address means /32.
 */
export const RequestedFirewallRuleSchema = v.pipe(
  v.strictObject({
    protocol: v.picklist(["tcp", "udp", "icmp", "all"], 'must be one of "tcp", "udp", "icmp", "all"'),
    port_range: v.optional(
      v.pipe(
        v.tuple([portSchema, portSchema], "must be [min, max], e.g. [22, 22] for one port"),
        v.check(([min, max]) => min <= max, "must be [min, max] with min <= max"),
      ),
    ),
    source_network: v.pipe(
      v.string("must be a string"),
      v.check(isIPv4Network, 'must be an IPv4 address or CIDR such as "203.0.113.0/24" ("0.0.0.0/0" for any)'),
    ),
    description: v.pipe(v.string("must be a string"), v.maxLength(128, "must be at most 128 characters")),
  }),
  v.forward(
    v.check(
      (rule) => (rule.protocol === "icmp") === (rule.port_range === undefined),
      "is required for tcp, udp and all, and not allowed for icmp",
    ),
    ["port_range"],
  ),
);
/** A firewall rule to set. */
export type RequestedFirewallRule = v.InferInput<typeof RequestedFirewallRuleSchema>;

const requestedRulesSchema = v.array(RequestedFirewallRuleSchema, "must be an array of firewall rules");

/** Body of `PUT /firewall-rules` (the key really is `data`). Replaces every legacy rule. */
export const FirewallRulesPutRequestSchema = v.strictObject({ data: requestedRulesSchema });

/** A regional firewall ruleset. */
export const FirewallRulesetSchema = v.looseObject({
  id: v.string(),
  name: v.string(),
  region: RegionSchema,
  rules: v.array(FirewallRuleSchema),
  created: v.string(),
  instance_ids: v.array(v.string()),
});
/** A regional firewall ruleset. */
export type FirewallRuleset = v.InferOutput<typeof FirewallRulesetSchema>;

/** The account-wide ruleset; its id is always `"global"` and it cannot be renamed or deleted. */
export const GlobalFirewallRulesetSchema = v.looseObject({
  id: v.string(),
  name: v.string(),
  rules: v.array(FirewallRuleSchema),
});
/** The global firewall ruleset. */
export type GlobalFirewallRuleset = v.InferOutput<typeof GlobalFirewallRulesetSchema>;

const rulesetNameSchema = boundedString(64);

/** Body of `POST /firewall-rulesets`. */
export const CreateFirewallRulesetRequestSchema = v.strictObject({
  name: rulesetNameSchema,
  region: boundedString(64),
  rules: requestedRulesSchema,
});
/** What `firewallRulesets.create()` accepts. */
export type CreateFirewallRulesetRequest = v.InferInput<typeof CreateFirewallRulesetRequestSchema>;

/** Body of `PATCH /firewall-rulesets/{id}`: a new name and/or a full replacement of the rules. */
export const UpdateFirewallRulesetRequestSchema = v.strictObject({
  name: v.optional(rulesetNameSchema),
  rules: v.optional(requestedRulesSchema),
});
/** What `firewallRulesets.update()` accepts. */
export type UpdateFirewallRulesetRequest = v.InferInput<typeof UpdateFirewallRulesetRequestSchema>;

/** Body of `PATCH /firewall-rulesets/global`: a full replacement of the global rules. */
export const UpdateGlobalFirewallRulesetRequestSchema = v.strictObject({
  rules: v.optional(requestedRulesSchema),
});
/** What `firewallRulesets.updateGlobal()` accepts. */
export type UpdateGlobalFirewallRulesetRequest = v.InferInput<typeof UpdateGlobalFirewallRulesetRequestSchema>;
