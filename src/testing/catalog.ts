/**
 * The simulated catalog: instance types, regions, images and capacity. Types and regions
 * are fixed and realistic; image ids and capacity are derived from the seed, and capacity
 * changes every {@link CAPACITY_PERIOD_MS} of simulated time.
 */

import type { Region } from "../schemas/common.js";
import type { Image } from "../schemas/images.js";
import type { InstanceType } from "../schemas/instance-types.js";
import { createRandom, hashOf } from "./random.js";

/** Regions of the simulated cloud. */
export const REGIONS: readonly Region[] = [
  { name: "us-west-1", description: "California, USA" },
  { name: "us-west-2", description: "Arizona, USA" },
  { name: "us-west-3", description: "Utah, USA" },
  { name: "us-east-1", description: "Virginia, USA" },
  { name: "us-south-1", description: "Texas, USA" },
  { name: "us-midwest-1", description: "Illinois, USA" },
  { name: "europe-central-1", description: "Germany" },
  { name: "asia-northeast-1", description: "Tokyo, Japan" },
];

function gpuType(
  name: string,
  count: number,
  gpu: string,
  cents: number,
  vcpus: number,
  memory: number,
  storage: number,
  arch = "x86_64",
): InstanceType {
  return {
    name,
    description: `${count}x ${gpu}`,
    gpu_description: gpu,
    price_cents_per_hour: cents,
    specs: { vcpus, memory_gib: memory, storage_gib: storage, gpus: count },
    architecture: arch,
  };
}

/** Instance types of the simulated cloud, with list prices in cents per hour. */
export const INSTANCE_TYPES: readonly InstanceType[] = [
  gpuType("gpu_1x_a10", 1, "A10 (24 GB PCIe)", 75, 30, 200, 1400),
  gpuType("gpu_1x_a6000", 1, "RTX A6000 (48 GB)", 80, 14, 100, 512),
  gpuType("gpu_1x_a100_sxm4", 1, "A100 (40 GB SXM4)", 129, 30, 200, 512),
  gpuType("gpu_8x_a100_80gb_sxm4", 8, "A100 (80 GB SXM4)", 1432, 240, 1800, 19_500),
  gpuType("gpu_1x_h100_pcie", 1, "H100 (80 GB PCIe)", 249, 26, 200, 1000),
  gpuType("gpu_8x_h100_sxm5", 8, "H100 (80 GB SXM5)", 2392, 208, 1800, 24_500),
  gpuType("gpu_1x_gh200", 1, "GH200 (96 GB)", 149, 64, 432, 4000, "arm64"),
  gpuType("gpu_8x_b200_sxm6", 8, "B200 (180 GB SXM6)", 3992, 208, 2900, 22_000),
  {
    name: "cpu_4x_general",
    description: "4x vCPU (general purpose)",
    gpu_description: "none",
    price_cents_per_hour: 12,
    specs: { vcpus: 4, memory_gib: 16, storage_gib: 100, gpus: 0 },
    architecture: "x86_64",
  },
];

/** Image families offered in every region, with their architecture and version. */
const IMAGE_FAMILIES = [
  {
    family: "lambda-stack-24-04",
    name: "lambda-stack-24.04",
    version: "24.04.2",
    architecture: "x86_64",
    description: "Lambda Stack on Ubuntu 24.04 LTS",
  },
  {
    family: "lambda-stack-24-04",
    name: "lambda-stack-24.04-arm64",
    version: "24.04.2",
    architecture: "arm64",
    description: "Lambda Stack on Ubuntu 24.04 LTS (Arm)",
  },
  {
    family: "lambda-stack-22-04",
    name: "lambda-stack-22.04",
    version: "22.04.5",
    architecture: "x86_64",
    description: "Lambda Stack on Ubuntu 22.04 LTS",
  },
  {
    family: "gpu-base-24-04",
    name: "gpu-base-24.04",
    version: "24.04.2",
    architecture: "x86_64",
    description: "NVIDIA drivers on Ubuntu 24.04 LTS, no frameworks",
  },
  {
    family: "ubuntu-lts",
    name: "ubuntu-24.04.01",
    version: "24.04.1",
    architecture: "x86_64",
    description: "Plain Ubuntu 24.04 LTS",
  },
] as const;

/** Capacity is redrawn for each period of this many simulated milliseconds (10 minutes). */
export const CAPACITY_PERIOD_MS = 10 * 60_000;

/** The fixed and seed-derived parts of the catalog. */
export interface Catalog {
  readonly regions: readonly Region[];
  readonly instanceTypes: readonly InstanceType[];
  readonly images: readonly Image[];
  /** The region, or `undefined` when it does not exist. */
  region(name: string): Region | undefined;
  /** The instance type, or `undefined` when it does not exist. */
  instanceType(name: string): InstanceType | undefined;
  /** The family launched when a request names no image (it differs per region, as on the real cloud). */
  defaultImageFamily(region: string): string;
  /** How many instances of a type the region could host at a time, before subtracting running ones. */
  baseCapacity(type: string, region: string, now: number): number;
}

/** Builds the catalog for a seed. `imagesCreated` dates the images. */
export function createCatalog(seed: number, imagesCreated: number): Catalog {
  const random = createRandom(hashOf("images", seed));
  const created = new Date(imagesCreated - 30 * 86_400_000).toISOString();
  const images: Image[] = REGIONS.flatMap((region) =>
    IMAGE_FAMILIES.map(({ family, name, version, architecture, description }) => ({
      id: random.uuid(),
      created_time: created,
      updated_time: created,
      name,
      description,
      family,
      version,
      architecture,
      region,
    })),
  );
  return {
    regions: REGIONS,
    instanceTypes: INSTANCE_TYPES,
    images,
    region: (name) => REGIONS.find((region) => region.name === name),
    instanceType: (name) => INSTANCE_TYPES.find((type) => type.name === name),
    defaultImageFamily: (region) =>
      REGIONS.findIndex((entry) => entry.name === region) % 2 === 0 ? "lambda-stack-24-04" : "lambda-stack-22-04",
    baseCapacity: (type, region, now) => hashOf(seed, type, region, Math.floor(now / CAPACITY_PERIOD_MS)) % 4,
  };
}
