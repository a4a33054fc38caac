/** Lambda resource names (`lrn:cloud:<type>:<id>`), as audit events carry them. */
import { hexDigestOf } from "./random.js";

/** The resource types of the simulated audit log; filter with `resource_type: "cloud.<type>"`. */
export type ResourceType =
  | "instance"
  | "ssh_key"
  | "filesystem"
  | "firewall_rule"
  | "firewall_ruleset"
  | "ticket"
  | "attachment"
  | "api_key"
  | "user";

/** The LRN of a resource. */
export function lrnOf(type: ResourceType, id: string): string {
  return `lrn:cloud:${type}:${id}`;
}

/** The LRN naming an API key: derived from a one-way digest, so the key never appears. */
export function apiKeyLrn(apiKey: string): string {
  return lrnOf("api_key", hexDigestOf(apiKey));
}
