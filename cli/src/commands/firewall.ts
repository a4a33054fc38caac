/** `firewall rules list|replace` (legacy, account-wide) and `firewall rulesets list|get|create|update|delete|global|set-global`. */
import type { FirewallRuleset, LambdaCloudClient, OperationId, RequestedFirewallRule } from "lambda-cloud";
import { confirmIfDestructive, defineCommand, defineGroup, type Register, withYes } from "../command.ts";
import type { Context } from "../context.ts";
import { parseRule, rulesTable, withRules } from "../firewall-rules.ts";
import type { Paint } from "../paint.ts";
import { byNameOrId, label } from "../resolve.ts";
import { details, table } from "../table.ts";

/** A ruleset: its fields, then its rules. */
function rulesetView(paint: Paint, set: FirewallRuleset): string {
  return `${details(paint, [
    ["id", set.id],
    ["name", set.name],
    ["region", set.region.name],
    ["instances", set.instance_ids.join(", ")],
  ])}\n\n${rulesTable(paint, set.rules)}`;
}

/** The regional ruleset whose name or id is `ref` (one list call). */
async function findRuleset(client: LambdaCloudClient, ref: string, signal: AbortSignal): Promise<FirewallRuleset> {
  return byNameOrId(await client.firewallRulesets.list({ signal }), ref, "ruleset", "firewall rulesets list");
}

/** The `--rule` values of a command that replaces a whole set of rules, once the user agrees to replace `what` with them. */
async function confirmedRules(
  context: Context,
  operation: OperationId,
  what: string,
  options: { rule?: string[]; yes?: boolean },
): Promise<RequestedFirewallRule[]> {
  const wanted = (options.rule ?? []).map(parseRule);
  await confirmIfDestructive(context, operation, `Replace ${what} with ${wanted.length} rule(s)?`, options.yes);
  return wanted;
}

export const registerFirewall: Register = (program, io) => {
  const firewall = defineGroup(program, "firewall", "firewall rules (legacy) and rulesets", [
    "firewall rulesets list",
    "firewall rules list",
  ]);
  const rules = defineGroup(firewall, "rules", "legacy account-wide inbound rules", [
    "firewall rules replace --rule tcp:22:0.0.0.0/0:SSH --yes",
  ]);

  defineCommand(rules, io, {
    name: "list",
    description: "list the legacy inbound rules",
    examples: ["firewall rules list"],
    run: async (context) => {
      const list = await (await context.client()).firewallRules.list({ signal: context.signal });
      context.print(list, () => rulesTable(context.paint, list));
    },
  });

  defineCommand<{ rule?: string[]; yes?: boolean }>(rules, io, {
    name: "replace",
    description: "replace every legacy rule (none given: remove them all; asks first)",
    examples: ["firewall rules replace --rule tcp:22:0.0.0.0/0:SSH --yes"],
    options: (command) => withYes(withRules(command)),
    run: async (context, _args, options) => {
      const wanted = await confirmedRules(context, "firewallRulesSet", "every legacy firewall rule", options);
      const list = await (await context.client()).firewallRules.replace(wanted, { signal: context.signal });
      context.print(list, () => rulesTable(context.paint, list));
    },
  });

  const rulesets = defineGroup(firewall, "rulesets", "regional rulesets and the global ruleset", [
    "firewall rulesets create web --region us-west-1 --rule tcp:443:0.0.0.0/0:HTTPS",
  ]);

  defineCommand(rulesets, io, {
    name: "list",
    description: "list regional rulesets",
    examples: ["firewall rulesets list"],
    run: async (context) => {
      const list = await (await context.client()).firewallRulesets.list({ signal: context.signal });
      context.print(list, () =>
        table(
          context.paint,
          ["ID", "NAME", "REGION", "RULES", "INSTANCES"],
          list.map((set) => [set.id, set.name, set.region.name, set.rules.length, set.instance_ids.length]),
        ),
      );
    },
  });

  defineCommand(rulesets, io, {
    name: "get <ruleset>",
    description: "show a ruleset and its rules, by name or id",
    examples: ["firewall rulesets get web"],
    run: async (context, [ref]) => {
      const client = await context.client();
      const { id } = await findRuleset(client, ref as string, context.signal);
      const set = await client.firewallRulesets.get(id, { signal: context.signal });
      context.print(set, () => rulesetView(context.paint, set));
    },
  });

  defineCommand<{ region: string; rule?: string[] }>(rulesets, io, {
    name: "create <name>",
    description: "create a ruleset in a region",
    examples: ["firewall rulesets create web --region us-west-1 --rule tcp:443:0.0.0.0/0:HTTPS"],
    options: (command) => withRules(command.requiredOption("--region <name>", "region, e.g. us-west-1")),
    run: async (context, [name], options) => {
      const set = await (await context.client()).firewallRulesets.create(
        { name: name as string, region: options.region, rules: (options.rule ?? []).map(parseRule) },
        { signal: context.signal },
      );
      context.print(set, () => rulesetView(context.paint, set));
    },
  });

  defineCommand<{ name?: string; rule?: string[] }>(rulesets, io, {
    name: "update <ruleset>",
    description: "rename a ruleset and/or replace its rules",
    examples: ["firewall rulesets update web --name web-2 --rule tcp:443:0.0.0.0/0:HTTPS"],
    options: (command) => withRules(command.option("--name <name>", "new name")),
    run: async (context, [ref], options) => {
      const client = await context.client();
      const { id } = await findRuleset(client, ref as string, context.signal);
      const patch = {
        ...(options.name !== undefined && { name: options.name }),
        ...(options.rule && { rules: options.rule.map(parseRule) }),
      };
      const set = await client.firewallRulesets.update(id, patch, { signal: context.signal });
      context.print(set, () => rulesetView(context.paint, set));
    },
  });

  defineCommand<{ yes?: boolean }>(rulesets, io, {
    name: "delete <ruleset>",
    description: "delete a ruleset no instance uses, by name or id (asks first)",
    examples: ["firewall rulesets delete web --yes"],
    options: withYes,
    run: async (context, [ref], options) => {
      const client = await context.client();
      const set = await findRuleset(client, ref as string, context.signal);
      await confirmIfDestructive(context, "deleteFirewallRuleset", `Delete ruleset ${label(set)}?`, options.yes);
      await client.firewallRulesets.delete(set.id, { signal: context.signal });
      context.print({ deleted_ids: [set.id] }, () => `Deleted ruleset ${label(set)}.`);
    },
  });

  defineCommand(rulesets, io, {
    name: "global",
    description: "show the global ruleset, which applies in every region",
    examples: ["firewall rulesets global"],
    run: async (context) => {
      const set = await (await context.client()).firewallRulesets.getGlobal({ signal: context.signal });
      context.print(set, () => rulesTable(context.paint, set.rules));
    },
  });

  defineCommand<{ rule?: string[]; yes?: boolean }>(rulesets, io, {
    name: "set-global",
    description: "replace the global ruleset's rules (asks first)",
    examples: ["firewall rulesets set-global --rule tcp:22:0.0.0.0/0:SSH --yes"],
    options: (command) => withYes(withRules(command)),
    run: async (context, _args, options) => {
      const wanted = await confirmedRules(
        context,
        "updateGlobalFirewallRuleset",
        "the global ruleset's rules",
        options,
      );
      const set = await (await context.client()).firewallRulesets.updateGlobal(
        { rules: wanted },
        { signal: context.signal },
      );
      context.print(set, () => rulesTable(context.paint, set.rules));
    },
  });
};
