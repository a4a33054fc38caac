// Every other command group against the in-process simulator: catalog, SSH keys, filesystems,
// firewall, audit, tickets, ssh --print.
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type {
  AuditEvent,
  Availability,
  Filesystem,
  FirewallRule,
  FirewallRuleset,
  Image,
  InstanceTypes,
  Region,
  SSHKey,
  Ticket,
} from "lambda-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliSimulator } from "./harness";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lambda-cloud-cli-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("types", () => {
  it("lists the catalog as the API's record, and as a table sorted by price", async () => {
    const { run } = cliSimulator();
    const catalog = (await run(["types", "--json"])).json<InstanceTypes>();
    expect(catalog.gpu_1x_a10?.instance_type.name).toBe("gpu_1x_a10");
    const rows = (await run(["types"])).stdout.trim().split("\n");
    expect(rows[0]).toMatch(/^TYPE\s+GPUS\s+GPU\s+PRICE\s+CAPACITY IN$/);
    const prices = rows.slice(1).map((row) => Number(/\$(\d+\.\d\d)\/h/.exec(row)?.[1]));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it("--available and its filters give the client's availability entries, cheapest first", async () => {
    const { run } = cliSimulator();
    const all = (await run(["types", "--available", "--json"])).json<Availability[]>();
    expect(all.length).toBeGreaterThan(0);
    expect(all.map((entry) => entry.priceCentsPerHour)).toEqual(
      all.map((entry) => entry.priceCentsPerHour).sort((a, b) => a - b),
    );
    const h100 = (await run(["types", "--gpu", "h100", "--region", "us-east-1", "--json"])).json<Availability[]>();
    expect(h100.length).toBeGreaterThan(0);
    for (const entry of h100)
      expect(entry).toMatchObject({ region: "us-east-1", gpuDescription: expect.stringContaining("H100") });
    const cheap = (await run(["types", "--max-price", "0.75", "--json"])).json<Availability[]>();
    expect(cheap.length).toBeGreaterThan(0);
    for (const entry of cheap) expect(entry.priceCentsPerHour).toBeLessThanOrEqual(75);
    const eight = (await run(["types", "--min-gpus", "8", "--json"])).json<Availability[]>();
    for (const entry of eight) expect(entry.gpus).toBeGreaterThanOrEqual(8);
  });

  it("a bad filter is a usage error (exit 2): the CLI's own check for numbers, the client's for ranges", async () => {
    const { run } = cliSimulator();
    const notANumber = await run(["types", "--max-price", "cheap"]);
    expect(notANumber.code).toBe(2);
    expect(notANumber.error().message).toContain("--max-price");
    const negative = await run(["types", "--min-gpus", "-1"]);
    expect(negative.code).toBe(2);
    expect(negative.error()).toMatchObject({ type: "RequestValidationError" });
  });
});

describe("regions and images", () => {
  it("print the API's lists; images filter by family", async () => {
    const { run } = cliSimulator();
    const regions = (await run(["regions", "--json"])).json<Region[]>();
    expect(regions.map((region) => region.name)).toContain("us-west-1");
    const images = (await run(["images", "--json"])).json<Image[]>();
    const family = (images[0] as Image).family;
    const filtered = (await run(["images", "--family", family, "--json"])).json<Image[]>();
    expect(filtered.length).toBeGreaterThan(0);
    expect(new Set(filtered.map((image) => image.family))).toEqual(new Set([family]));
  });
});

describe("ssh-keys", () => {
  it("add reads a public key file; list shows it; delete by name needs --yes off a terminal", async () => {
    const { run } = cliSimulator();
    const file = join(dir, "id.pub");
    await writeFile(file, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB0pYy1vYy1jbGktdGVzdC1rZXktMDAwMDAwMDAw ci@test\n");
    const added = await run(["ssh-keys", "add", "ci", "--public-key-file", file, "--json"]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.json<SSHKey>()).toMatchObject({ name: "ci", public_key: expect.stringContaining("ci@test") });
    expect(
      (await run(["ssh-keys", "list", "--json"]))
        .json<SSHKey[]>()
        .map((key) => key.name)
        .sort(),
    ).toEqual(["ci", "laptop"]);
    const refused = await run(["ssh-keys", "delete", "ci"]);
    expect(refused.code).toBe(2);
    expect(refused.error().message).toContain("Refusing without --yes");
    const deleted = await run(["ssh-keys", "delete", "ci", "--yes", "--json"]);
    expect(deleted.json()).toEqual({ deleted_ids: [added.json<SSHKey>().id] });
  });

  it("generate saves the private key to a mode-600 file and never prints it", async () => {
    const { run } = cliSimulator();
    const file = join(dir, "generated.pem");
    const result = await run(["ssh-keys", "generate", "gen", "--output", file, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const printed = result.json<Record<string, unknown>>();
    expect(printed).toMatchObject({ name: "gen", private_key_file: file });
    expect(printed).not.toHaveProperty("private_key");
    const privateKey = await readFile(file, "utf8");
    expect(privateKey).toContain("PRIVATE KEY");
    expect(result.stdout).not.toContain(privateKey.trim().split("\n")[1]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe("filesystems", () => {
  it("create, list and delete by name", async () => {
    const { run } = cliSimulator();
    const created = (
      await run(["filesystems", "create", "scratch", "--region", "us-east-1", "--json"])
    ).json<Filesystem>();
    expect(created).toMatchObject({ name: "scratch", region: { name: "us-east-1" } });
    expect(
      (await run(["filesystems", "list", "--json"]))
        .json<Filesystem[]>()
        .map((fs) => fs.name)
        .sort(),
    ).toEqual(["scratch", "shared-datasets"]);
    const deleted = await run(["filesystems", "delete", "scratch", "--yes", "--json"]);
    expect(deleted.json()).toEqual({ deleted_ids: [created.id] });
    expect((await run(["filesystems", "delete", "scratch", "--yes"])).code).toBe(3);
  });
});

describe("firewall", () => {
  it("rules replace parses --rule and needs --yes; rules list shows the result", async () => {
    const { run } = cliSimulator();
    expect((await run(["firewall", "rules", "replace", "--rule", "tcp:22:0.0.0.0/0:SSH"])).code).toBe(2);
    const replaced = await run([
      "firewall",
      "rules",
      "replace",
      "--rule",
      "tcp:22:0.0.0.0/0:SSH",
      "--rule",
      "icmp::10.0.0.0/8",
      "--yes",
      "--json",
    ]);
    expect(replaced.code, replaced.stderr).toBe(0);
    const rules = (await run(["firewall", "rules", "list", "--json"])).json<FirewallRule[]>();
    expect(rules).toEqual([
      expect.objectContaining({
        protocol: "tcp",
        port_range: [22, 22],
        source_network: "0.0.0.0/0",
        description: "SSH",
      }),
      expect.objectContaining({ protocol: "icmp", source_network: "10.0.0.0/8" }),
    ]);
    const invalid = await run(["firewall", "rules", "replace", "--rule", "tcp:99999:0.0.0.0/0", "--yes"]);
    expect(invalid.code).toBe(2);
    expect(invalid.error()).toMatchObject({ type: "RequestValidationError" });
  });

  it("rulesets create, get, update, delete by name; global and set-global", async () => {
    const { run } = cliSimulator();
    const created = (
      await run([
        "firewall",
        "rulesets",
        "create",
        "web",
        "--region",
        "us-west-1",
        "--rule",
        "tcp:443:0.0.0.0/0:HTTPS",
        "--json",
      ])
    ).json<FirewallRuleset>();
    expect(created).toMatchObject({ name: "web", rules: [expect.objectContaining({ port_range: [443, 443] })] });
    expect(
      (await run(["firewall", "rulesets", "list", "--json"])).json<FirewallRuleset[]>().map((set) => set.name),
    ).toContain("web");
    expect((await run(["firewall", "rulesets", "get", "web", "--json"])).json<FirewallRuleset>().id).toBe(created.id);
    const shown = (await run(["firewall", "rulesets", "get", "web"])).stdout;
    expect(shown).toMatch(new RegExp(`^id\\s+${created.id}$`, "m"));
    expect(shown).toMatch(/^PROTOCOL\s+PORTS\s+SOURCE\s+DESCRIPTION\ntcp\s+443\s+0\.0\.0\.0\/0\s+HTTPS$/m);
    const updated = (
      await run([
        "firewall",
        "rulesets",
        "update",
        "web",
        "--name",
        "web2",
        "--rule",
        "tcp:8000-8080:10.0.0.0/8:app",
        "--json",
      ])
    ).json<FirewallRuleset>();
    expect(updated).toMatchObject({ name: "web2", rules: [expect.objectContaining({ port_range: [8000, 8080] })] });
    expect((await run(["firewall", "rulesets", "delete", "web2", "--yes", "--json"])).json()).toEqual({
      deleted_ids: [created.id],
    });
    const global = await run([
      "firewall",
      "rulesets",
      "set-global",
      "--rule",
      "tcp:22:203.0.113.0/24:office",
      "--yes",
      "--json",
    ]);
    expect(global.code, global.stderr).toBe(0);
    expect((await run(["firewall", "rulesets", "global", "--json"])).json<{ rules: FirewallRule[] }>().rules).toEqual([
      expect.objectContaining({ source_network: "203.0.113.0/24", description: "office" }),
    ]);
  });
});

describe("audit", () => {
  it("pages through every event in the range (--since as a duration or a timestamp)", async () => {
    const { run } = cliSimulator({ pageSize: 2 });
    for (const name of ["a", "b", "c"]) await run(["filesystems", "create", name, "--region", "us-west-1"]);
    const events = (await run(["audit", "--since", "1h", "--json"])).json<AuditEvent[]>();
    expect(events.length).toBeGreaterThanOrEqual(3);
    const future = (await run(["audit", "--since", new Date(Date.now() + 3_600_000).toISOString(), "--json"])).json<
      AuditEvent[]
    >();
    expect(future).toEqual([]);
    expect((await run(["audit", "--since", "yesterday"])).code).toBe(2);
  });
});

describe("tickets", () => {
  it("create, list, get, comment, solve, attach", async () => {
    const { run } = cliSimulator();
    const created = await run([
      "tickets",
      "create",
      "--type",
      "incident",
      "--severity",
      "sev_2",
      "--subject",
      "GPU errors",
      "--description",
      "Xid 79",
      "--json",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const { id } = created.json<{ id: string }>();
    expect((await run(["tickets", "list", "--json"])).json<Ticket[]>().map((ticket) => ticket.id)).toContain(id);
    expect((await run(["tickets", "comment", id, "Rebooted; still failing."])).code).toBe(0);
    expect((await run(["tickets", "solve", id])).code).toBe(0);
    const ticket = (await run(["tickets", "get", id, "--json"])).json<Ticket>();
    expect(ticket.subject).toBe("GPU errors");
    const log = join(dir, "dmesg.txt");
    await writeFile(log, "NVRM: Xid 79\n");
    const attached = await run(["tickets", "attach", id, log, "--json"]);
    expect(attached.code, attached.stderr).toBe(0);
    expect(attached.json()).toMatchObject({ filename: "dmesg.txt", size_bytes: 13, upload_status: "uploaded" });
    const noSeverity = await run(["tickets", "create", "--type", "incident", "--subject", "s", "--description", "d"]);
    expect(noSeverity.code).toBe(2);
  });
});

describe("ssh --print", () => {
  it("prints the ssh command with the instance's user and address", async () => {
    const { run } = cliSimulator();
    const instance = (await run(["instances", "get", "notebook", "--json"])).json<{ id: string; ip: string }>();
    const printed = await run(["ssh", "notebook", "--print", "-i", "~/.ssh/lambda key", "--", "nvidia-smi"]);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout.trim()).toBe(`ssh -i '~/.ssh/lambda key' ubuntu@${instance.ip} nvidia-smi`);
    const remote = await run(["ssh", "notebook", "--print", "--", "tool", "--token", "abc"]);
    expect(remote.stdout.trim()).toBe(`ssh ubuntu@${instance.ip} tool --token abc`);
    const json = (await run(["ssh", instance.id, "--print", "--user", "root", "--json"])).json();
    expect(json).toEqual({
      instance_id: instance.id,
      user: "root",
      ip: instance.ip,
      command: ["ssh", `root@${instance.ip}`],
    });
  });
});
