/** How instances look in tables and detail views. */
import type { Instance } from "lambda-cloud";
import { type Paint, paintStatus } from "../paint.ts";
import { details, table } from "../table.ts";

/** Instances, one per row. */
export function instancesTable(paint: Paint, instances: readonly Instance[]): string {
  return table(
    paint,
    ["ID", "NAME", "STATUS", "TYPE", "REGION", "IP"],
    instances.map((instance) => [
      instance.id,
      instance.name,
      paintStatus(paint, instance.status),
      instance.instance_type.name,
      instance.region.name,
      instance.ip,
    ]),
  );
}

/** One instance, field by field. */
export function instanceDetails(paint: Paint, instance: Instance): string {
  return details(paint, [
    ["id", instance.id],
    ["name", instance.name],
    ["status", paintStatus(paint, instance.status)],
    ["type", instance.instance_type.name],
    ["region", instance.region.name],
    ["ip", instance.ip],
    ["private ip", instance.private_ip],
    ["hostname", instance.hostname],
    ["ssh keys", instance.ssh_key_names.join(", ")],
    ["filesystems", instance.file_system_names.join(", ")],
    ["tags", (instance.tags ?? []).map((tag) => `${tag.key}=${tag.value}`).join(", ")],
    ["jupyter", instance.jupyter_url],
  ]);
}
