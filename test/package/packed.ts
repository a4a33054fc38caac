// Installs the packages as npm would publish them (the `npm pack` tarballs of lambda-cloud and of
// lambda-cloud-cli in cli/) into a throwaway project's node_modules, with their dependencies
// linked from this repository's node_modules, and their bins linked into node_modules/.bin, so a
// test can consume them exactly as a user's project does, without the network.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../runtimes/commands";

const exec = promisify(execFile);

/** A throwaway project with lambda-cloud and lambda-cloud-cli installed; `dispose()` deletes it. */
export interface ConsumerProject {
  readonly dir: string;
  dispose(): Promise<void>;
}

/** What a package.json says about installing the package. */
interface Manifest {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly bin?: Record<string, string>;
}

/** Packs the package in `source` and unpacks it into `dir`/node_modules, linking its dependencies and bins. */
async function installPacked(dir: string, source: string): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(join(source, "package.json"), "utf8")) as Manifest;
  const packageDir = join(dir, "node_modules", manifest.name);
  await mkdir(packageDir, { recursive: true });
  const { stdout } = await exec("npm", ["pack", "--json", "--pack-destination", dir], { cwd: source });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  await exec("tar", ["-xzf", join(dir, filename), "-C", packageDir, "--strip-components=1"]);
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    // A workspace's own version of a dependency (cli/node_modules/commander) wins over the root's.
    const nested = join(source, "node_modules", dependency);
    await symlink(
      existsSync(nested) ? nested : join(repoRoot, "node_modules", dependency),
      join(dir, "node_modules", dependency),
    );
  }
  await mkdir(join(dir, "node_modules", ".bin"), { recursive: true });
  for (const [name, target] of Object.entries(manifest.bin ?? {})) {
    await symlink(join("..", manifest.name, target), join(dir, "node_modules", ".bin", name));
  }
  return manifest;
}

/** Packs the repository's packages and installs the tarballs into a new project under the system temp dir. */
export async function consumerProject(): Promise<ConsumerProject> {
  const cliSource = join(repoRoot, "cli");
  if (!existsSync(join(cliSource, "dist", "bin.js")))
    throw new Error("cli/dist/bin.js is missing: run `npm run build` (it builds both packages) first.");
  const dir = await mkdtemp(join(tmpdir(), "lambda-cloud-consumer-"));
  await installPacked(dir, repoRoot);
  await installPacked(dir, cliSource);
  await writeFile(
    join(dir, "package.json"),
    JSON.stringify({
      name: "consumer",
      private: true,
      type: "module",
      dependencies: { "lambda-cloud": "*", "lambda-cloud-cli": "*" },
    }),
  );
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
