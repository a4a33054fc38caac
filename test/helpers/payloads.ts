/** Realistic API payloads, shaped as API.md §7 describes, for the unit tests. */
import type { InstanceLaunchRequest } from "../../src/index.js";

export const INSTANCE_ID = "0920582c7ff041399e34823a0be62549";
export const SSH_KEY_ID = "ddaedf1b7a0e41ac981711504493b242";
export const FILESYSTEM_ID = "398578a2336b49079e74043f0bd2cfe8";
export const RULESET_ID = "c4d291f47f9d436fa39f58493ce3b50d";
export const TICKET_ID = "5c1f9a1b2e3d4c5b6a7980716253a4b5";
export const ATTACHMENT_ID = "att_0123456789";

/** A launch request that the tests' simulators and mocks accept: one A10 in us-west-1 with the key "laptop". */
export const A10_LAUNCH = {
  region_name: "us-west-1",
  instance_type_name: "gpu_1x_a10",
  ssh_key_names: ["laptop"],
} satisfies InstanceLaunchRequest;

export const region = { name: "us-west-1", description: "California, USA" };

export const instanceType = {
  name: "gpu_1x_a10",
  description: "1x A10 (24 GB PCIe)",
  gpu_description: "A10 (24 GB PCIe)",
  price_cents_per_hour: 75,
  specs: { vcpus: 30, memory_gib: 200, storage_gib: 1400, gpus: 1 },
  architecture: "x86_64",
};

const available = { available: true };
export const instance = {
  id: INSTANCE_ID,
  name: "trainer",
  ip: "198.51.100.2",
  private_ip: "10.0.2.100",
  status: "active",
  ssh_key_names: ["laptop"],
  file_system_names: [],
  region,
  instance_type: instanceType,
  hostname: "10-0-2-100",
  jupyter_token: "53968f128c4a4489b688c2c0a181d083",
  jupyter_url:
    "https://jupyter-3ac4c5c6-9026-47d2-9a33-71efccbcd0ee.lambdaspaces.com/?token=53968f128c4a4489b688c2c0a181d083",
  actions: {
    migrate: available,
    rebuild: available,
    restart: available,
    cold_reboot: available,
    power_cycle: available,
    terminate: available,
  },
  tags: [{ key: "team", value: "ml" }],
};

export const sshKey = { id: SSH_KEY_ID, name: "laptop", public_key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOu laptop" };

export const filesystem = {
  id: FILESYSTEM_ID,
  name: "datasets",
  mount_point: "/lambda/nfs/datasets",
  created: "2026-01-05T12:00:00Z",
  created_by: { id: "9d1c0e7a5c2b4a8f9e7d6c5b4a392817", email: "ada@example.com", status: "active" },
  is_in_use: false,
  region,
  bytes_used: 0,
};

export const image = {
  id: "43336648-096d-4cba-9aa2-f9bb7727639d",
  created_time: "2025-01-01T00:00:00Z",
  updated_time: "2025-01-01T00:00:00Z",
  name: "lambda-stack-24.04",
  description: "Lambda Stack on Ubuntu 24.04",
  family: "lambda-stack-24-04",
  version: "24.04.1",
  architecture: "x86_64",
  region,
};

export const sshRule = { protocol: "tcp", port_range: [22, 22], source_network: "0.0.0.0/0", description: "SSH" };

export const ruleset = {
  id: RULESET_ID,
  name: "web",
  region,
  rules: [sshRule],
  created: "2026-01-05T12:00:00Z",
  instance_ids: [],
};

export const auditEvent = {
  service_name: "cloud",
  resource_name: "instance",
  action: "launch",
  catalog_version: "1",
  event_id: "evt_1",
  event_time: "2026-01-05T12:00:00Z",
  actor_lrn: "lrn:cloud:user:9d1c0e7a5c2b4a8f9e7d6c5b4a392817",
  actor_email: "ada@example.com",
  actor_display_name: "Ada",
  resource_lrns: [`lrn:cloud:instance:${INSTANCE_ID}`],
  resource_owner_lrn: null,
  request_api_key_lrn: "lrn:cloud:api_key:1f2e3d4c5b6a79881f2e3d4c5b6a7988",
  workspace_lrn: null,
  client_ip: "203.0.113.7",
  client_user_agent: "lambda-cloud/0.1.0",
  surface: "api",
  result: { status: "success", status_code: 200 },
  additional_details: {},
};

export const ticket = {
  id: TICKET_ID,
  subject: "GPU fell off the bus",
  description: "nvidia-smi shows no devices",
  type: "incident",
  severity: "sev_2",
  status: "open",
  created_at: "2026-01-05T12:00:00Z",
  comments: [{ body: "nvidia-smi shows no devices", author: "ada@example.com", created_at: "2026-01-05T12:00:00Z" }],
};

export const attachment = {
  id: ATTACHMENT_ID,
  filename: "dmesg.txt",
  content_type: "text/plain",
  size_bytes: 5,
  upload_status: "uploaded",
  created_at: "2026-01-05T12:00:00Z",
};
