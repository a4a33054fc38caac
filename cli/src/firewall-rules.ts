/** `--rule PROTOCOL:PORTS:SOURCE[:DESCRIPTION]` on the command line, e.g. `tcp:22:0.0.0.0/0:SSH`, `tcp:8000-8080:10.0.0.0/8`, `icmp::0.0.0.0/0`. */
import type { Command } from "commander";
import type { FirewallRule, RequestedFirewallRule } from "lambda-cloud";
import { collect } from "./command.ts";
import { UsageError } from "./errors.ts";
import type { Paint } from "./paint.ts";
import { table } from "./table.ts";

/** How `--rule` is written, for help texts. */
const RULE_SYNTAX = "PROTOCOL:PORTS:SOURCE[:DESCRIPTION], e.g. tcp:22:0.0.0.0/0:SSH; repeatable";

/** Adds the repeatable `--rule` option. */
export function withRules(command: Command): Command {
  return command.option("--rule <rule>", RULE_SYNTAX, collect);
}

/**
 * The rule a `--rule` value describes; the client checks protocols, ports and networks before sending.
 * @throws {UsageError} when the value does not have at least three `:`-separated parts.
 */
export function parseRule(text: string): RequestedFirewallRule {
  const [protocol, ports, source, ...description] = text.split(":");
  if (protocol === undefined || ports === undefined || source === undefined) {
    throw new UsageError(`--rule needs ${RULE_SYNTAX.split(";")[0]}, got ${JSON.stringify(text)}.`);
  }
  const [low, high = low] = ports.split("-");
  return {
    protocol: protocol as RequestedFirewallRule["protocol"],
    ...(ports !== "" && { port_range: [Number(low), Number(high)] as [number, number] }),
    source_network: source,
    description: description.join(":"),
  };
}

/** `[22, 22]` → "22", `[8000, 8080]` → "8000-8080", none → undefined (shown as "-"). */
function portsOf(range: readonly number[] | undefined): string | undefined {
  if (!range) return undefined;
  return range[0] === range[1] ? String(range[0]) : range.join("-");
}

/** Rules, one per row. */
export function rulesTable(paint: Paint, rules: readonly FirewallRule[]): string {
  return table(
    paint,
    ["PROTOCOL", "PORTS", "SOURCE", "DESCRIPTION"],
    rules.map((rule) => [rule.protocol, portsOf(rule.port_range), rule.source_network, rule.description]),
  );
}
