/** `types`, `regions` and `images`: what can be launched, where, and at what price. */
import type { AvailabilityFilter } from "lambda-cloud";
import { collect, defineCommand, type Register } from "../command.ts";
import { UsageError } from "../errors.ts";
import { dollarsPerHour, table } from "../table.ts";

interface TypesOptions {
  readonly available?: boolean;
  readonly gpu?: string;
  readonly minGpus?: string;
  readonly maxPrice?: string;
  readonly region?: string[];
}

/** A number flag. @throws {UsageError} naming the flag when it is not a number. */
export function numberFlag(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || Number.isNaN(value))
    throw new UsageError(`${flag} needs a number, got ${JSON.stringify(text)}.`);
  return value;
}

/** The availability filter of the flags (`--max-price` is in dollars per hour; the API's prices are cents). The client checks the ranges. */
function filterOf(options: TypesOptions): AvailabilityFilter {
  const minGpus = numberFlag("--min-gpus", options.minGpus);
  const maxPrice = numberFlag("--max-price", options.maxPrice);
  return {
    ...(options.gpu !== undefined && { gpu: options.gpu }),
    ...(minGpus !== undefined && { minGpus }),
    ...(maxPrice !== undefined && { maxPriceCentsPerHour: Math.round(maxPrice * 100) }),
    ...(options.region && { regions: options.region }),
  };
}

export const registerCatalog: Register = (program, io) => {
  defineCommand<TypesOptions>(program, io, {
    name: "types",
    description: "instance types with prices; --available: where they can launch now",
    examples: [
      "types --available --gpu h100 --max-price 3.50",
      "types --available --min-gpus 8 --region us-east-1 --json",
    ],
    options: (command) =>
      command
        .option("--available", "only (type, region) pairs with capacity now, cheapest first (implied by the filters)")
        .option("--gpu <text>", "GPU model, matched in the GPU description and type name, e.g. h100")
        .option("--min-gpus <n>", "at least this many GPUs")
        .option("--max-price <usd>", "at most this many US dollars per hour")
        .option("--region <name>", "only this region; repeatable", collect),
    run: async (context, _args, options) => {
      const client = await context.client();
      const filter = filterOf(options);
      if (options.available || Object.keys(filter).length > 0) {
        const available = await client.instanceTypes.availability(filter, { signal: context.signal });
        context.print(available, () =>
          table(
            context.paint,
            ["TYPE", "REGION", "GPUS", "GPU", "PRICE", "VCPUS", "MEMORY"],
            available.map((entry) => [
              entry.type,
              entry.region,
              entry.gpus,
              entry.gpuDescription,
              dollarsPerHour(entry.priceCentsPerHour),
              entry.vcpus,
              `${entry.memoryGib} GiB`,
            ]),
          ),
        );
        return;
      }
      const catalog = await client.instanceTypes.list({ signal: context.signal });
      const entries = Object.values(catalog).sort(
        (a, b) => a.instance_type.price_cents_per_hour - b.instance_type.price_cents_per_hour,
      );
      context.print(catalog, () =>
        table(
          context.paint,
          ["TYPE", "GPUS", "GPU", "PRICE", "CAPACITY IN"],
          entries.map(({ instance_type: type, regions_with_capacity_available: regions }) => [
            type.name,
            type.specs.gpus,
            type.gpu_description ?? type.description,
            dollarsPerHour(type.price_cents_per_hour),
            regions.map((region) => region.name).join(", ") || context.paint.dim("none now"),
          ]),
        ),
      );
    },
  });

  defineCommand(program, io, {
    name: "regions",
    description: "regions the account can use",
    examples: ["regions"],
    run: async (context) => {
      const regions = await (await context.client()).regions.list({ signal: context.signal });
      context.print(regions, () =>
        table(
          context.paint,
          ["NAME", "DESCRIPTION"],
          regions.map((region) => [region.name, region.description]),
        ),
      );
    },
  });

  defineCommand<{ region?: string; family?: string }>(program, io, {
    name: "images",
    description: "machine images (one row per image and region)",
    examples: ["images --family lambda-stack-24-04"],
    options: (command) =>
      command.option("--region <name>", "only this region").option("--family <family>", "only this family"),
    run: async (context, _args, options) => {
      const images = (await (await context.client()).images.list({ signal: context.signal })).filter(
        (image) =>
          (options.region === undefined || image.region.name === options.region) &&
          (options.family === undefined || image.family === options.family),
      );
      context.print(images, () =>
        table(
          context.paint,
          ["ID", "FAMILY", "VERSION", "ARCH", "REGION"],
          images.map((image) => [image.id, image.family, image.version, image.architecture, image.region.name]),
        ),
      );
    },
  });
};
