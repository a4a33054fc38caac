/**
 * `find`: waits for capacity matching preferences (types or a GPU filter, regions, a price cap) and
 * launches the best match with `client.instances.launchWhenAvailable`, showing each look at the
 * catalog and what was last seen available.
 */
import type { AvailabilityFilter, LaunchWhenAvailableEvent, TypePreference } from "lambda-cloud";
import { collect, defineCommand, type Register } from "../command.ts";
import type { Context } from "../context.ts";
import { parseDuration } from "../durations.ts";
import { UsageError } from "../errors.ts";
import { addLaunchBodyOptions, type LaunchBodyOptions, launchBody, sshKeyFor } from "../launch-options.ts";
import { formatElapsed, type Progress } from "../progress.ts";
import { label } from "../resolve.ts";
import { dollarsPerHour } from "../table.ts";
import { instanceDetails } from "../views/instances.ts";
import { TYPICAL_BOOT } from "../waiting.ts";
import { numberFlag } from "./catalog.ts";

interface FindOptions extends LaunchBodyOptions {
  readonly instanceTypeName?: string[];
  readonly gpu?: string;
  readonly minGpus?: string;
  readonly regionName?: string[];
  readonly maxPrice?: string;
  readonly timeout?: string;
  readonly wait?: boolean;
}

/** The type preference of the flags: names in order, or a GPU filter (then cheapest first). */
function typePreference(options: FindOptions): TypePreference {
  const minGpus = numberFlag("--min-gpus", options.minGpus);
  if (options.instanceTypeName) {
    if (options.gpu !== undefined || minGpus !== undefined)
      throw new UsageError("Give --type, or --gpu/--min-gpus, not both.");
    return options.instanceTypeName;
  }
  if (options.gpu === undefined && minGpus === undefined)
    throw new UsageError(
      "Say what to find: --type NAME (repeatable, in order of preference), or --gpu and/or --min-gpus.",
    );
  const filter: AvailabilityFilter = {
    ...(options.gpu !== undefined && { gpu: options.gpu }),
    ...(minGpus !== undefined && { minGpus }),
  };
  return filter;
}

/** Turns the client's events into progress: JSON lines off a terminal, a spinner line on one. */
function reporter(progress: Progress): (event: LaunchWhenAvailableEvent) => void {
  let lastSeen: { text: string; at: number } | undefined;
  const seen = () =>
    lastSeen
      ? `last seen available: ${lastSeen.text}, ${formatElapsed(Date.now() - lastSeen.at)} ago`
      : "none seen available yet";
  return (event) => {
    switch (event.type) {
      case "poll": {
        const [best] = event.candidates;
        if (best)
          lastSeen = {
            text: `${best.type} in ${best.region} at ${dollarsPerHour(best.priceCentsPerHour)}`,
            at: Date.now(),
          };
        const candidates = event.candidates.map((c) => ({
          type: c.type,
          region: c.region,
          price_cents_per_hour: c.priceCentsPerHour,
        }));
        progress.event(
          "poll",
          { poll: event.poll, candidates, next_poll_ms: event.nextPollMs ?? null },
          `looking for capacity (look ${event.poll})`,
          seen(),
        );
        return;
      }
      case "poll-failed":
        progress.event(
          "poll-failed",
          { poll: event.poll, error: event.error.message, next_poll_ms: event.nextPollMs },
          `look ${event.poll} failed, retrying`,
          seen(),
        );
        return;
      case "attempt":
      case "capacity-race": {
        const { type, region, priceCentsPerHour } = event.candidate;
        const text =
          event.type === "attempt"
            ? `launching ${type} in ${region}`
            : `${type} in ${region} was taken first; looking on`;
        progress.event(
          event.type,
          { attempt: event.attempt, type, region, price_cents_per_hour: priceCentsPerHour },
          text,
          seen(),
        );
        return;
      }
      case "outcome-unknown":
        progress.event(
          "outcome-unknown",
          { attempt: event.attempt, token: event.token },
          "a launch's answer was lost; checking before trying again",
        );
        return;
      case "launched":
        progress.event(
          "launched",
          { instance_id: event.instanceId, type: event.candidate.type, region: event.candidate.region },
          `launched ${event.instanceId} (${event.candidate.type} in ${event.candidate.region})`,
          TYPICAL_BOOT,
        );
        return;
      case "status":
        progress.event(
          "status",
          { id: event.instance.id, status: event.instance.status, ip: event.instance.ip ?? null },
          `${label(event.instance)} is ${event.instance.status}`,
          TYPICAL_BOOT,
        );
        return;
    }
  };
}

async function find(context: Context, options: FindOptions): Promise<void> {
  const client = await context.client();
  const instance_type_name = typePreference(options);
  const maxPrice = numberFlag("--max-price", options.maxPrice);
  const timeoutMs = options.timeout === undefined ? undefined : parseDuration("--timeout", options.timeout);
  const body = await launchBody(options, await sshKeyFor(client, options.sshKeyName, context.signal));
  const progress = context.progress();
  try {
    const result = await client.instances.launchWhenAvailable(
      { ...body, instance_type_name, region_name: options.regionName ?? "any" },
      {
        signal: context.signal,
        timeoutMs,
        waitUntilActive: options.wait === true,
        onEvent: reporter(progress),
        ...(maxPrice !== undefined && { maxPriceCentsPerHour: Math.round(maxPrice * 100) }),
      },
    );
    progress.end(`${label(result.instance)} is ${result.instance.status}`, true);
    context.print(
      result,
      () =>
        `${instanceDetails(context.paint, result.instance)}\nFound after ${result.summary.polls} look(s) and ${result.summary.attempts} launch(es).`,
    );
  } catch (error) {
    progress.end("stopped", false);
    throw error;
  }
}

export const registerFind: Register = (program, io) => {
  defineCommand<FindOptions>(program, io, {
    name: "find",
    description: "wait for capacity matching preferences, then launch the best match",
    examples: [
      "find --gpu h100 --max-price 3 --region us-east-1 --region us-west-1 --wait",
      "find --type gpu_1x_h100_pcie --type gpu_1x_a100_sxm4 --timeout 2h",
    ],
    options: (command) =>
      addLaunchBodyOptions(
        command
          .option("--type, --instance-type-name <name>", "instance type; repeatable, in order of preference", collect)
          .option("--gpu <text>", "or: any type with this GPU (cheapest first), e.g. h100")
          .option("--min-gpus <n>", "or: any type with at least this many GPUs")
          .option(
            "--region, --region-name <name>",
            "region; repeatable, in order of preference (default: any)",
            collect,
          )
          .option("--max-price <usd>", "at most this many US dollars per hour")
          .option("--timeout <duration>", "give up after this long (exit 4; default: never)"),
      ).option("--wait", "then wait until the instance is active"),
    run: (context, _args, options) => find(context, options),
  });
};
