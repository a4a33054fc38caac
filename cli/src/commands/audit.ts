/** `audit`: every audit event in a time range, paging through all of them. */
import type { AuditEvent, AuditEventsQuery } from "lambda-cloud";
import { defineCommand, type Register } from "../command.ts";
import { parseDuration } from "../durations.ts";
import { table } from "../table.ts";

/** A `--since`/`--until` value: a duration back from now (`24h`, `30m`) or a timestamp, which the client checks. */
function timeFlag(flag: string, text: string | undefined, now: number): string | undefined {
  if (text === undefined) return undefined;
  return /^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text) ? new Date(now - parseDuration(flag, text)).toISOString() : text;
}

export const registerAudit: Register = (program, io) => {
  defineCommand<{ since?: string; until?: string; resourceType?: string }>(program, io, {
    name: "audit",
    description: "audit events, all pages (--since/--until: a time or a duration ago)",
    examples: ["audit --since 24h", "audit --since 2026-01-01T00:00:00Z --until 2026-01-02T00:00:00Z --json"],
    options: (command) =>
      command
        .option("--since <time>", "from this time (ISO 8601) or this long ago (24h)")
        .option("--until <time>", "up to this time (ISO 8601) or this long ago")
        .option("--resource-type <type>", "only events about this resource type"),
    run: async (context, _args, options) => {
      const now = Date.now();
      const start = timeFlag("--since", options.since, now);
      const end = timeFlag("--until", options.until, now);
      const query: AuditEventsQuery = {
        ...(start !== undefined && { start }),
        ...(end !== undefined && { end }),
        ...(options.resourceType !== undefined && { resource_type: options.resourceType }),
      };
      const events: AuditEvent[] = [];
      for await (const event of (await context.client()).auditEvents.list(query, { signal: context.signal }))
        events.push(event);
      context.print(events, () =>
        table(
          context.paint,
          ["TIME", "ACTION", "RESOURCE", "ACTOR", "STATUS"],
          events.map((event) => [
            event.event_time,
            event.action,
            event.resource_name,
            event.actor_email ?? event.actor_display_name,
            event.result?.status_code,
          ]),
        ),
      );
    },
  });
};
