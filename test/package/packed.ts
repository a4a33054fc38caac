// Installs the package as npm would publish it (the `npm pack` tarball) into a throwaway
// project's node_modules, with its dependencies linked from this repository's node_modules,
// and its bins linked into node_modules/.bin, so a test can consume it exactly as a user's
// project does, without the network.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../runtimes/commands";

const exec = promisify(execFile);

/** A throwaway project with lambda-cloud installed; `dispose()` deletes it. */
export interface ConsumerProject {
  readonly dir: string;
  dispose(): Promise<void>;
}

/** Packs the repository and installs the tarball into a new project under the system temp dir. */
export async function consumerProject(): Promise<ConsumerProject> {
  const dir = await mkdtemp(join(tmpdir(), "lambda-cloud-consumer-"));
  const packageDir = join(dir, "node_modules", "lambda-cloud");
  await mkdir(packageDir, { recursive: true });
  const { stdout } = await exec("npm", ["pack", "--json", "--pack-destination", dir], { cwd: repoRoot });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  await exec("tar", ["-xzf", join(dir, filename), "-C", packageDir, "--strip-components=1"]);
  const manifest = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as { dependencies: Record<string, string>; bin: Record<string, string> };
  for (const dependency of Object.keys(manifest.dependencies)) {
    await symlink(join(repoRoot, "node_modules", dependency), join(dir, "node_modules", dependency));
  }
  await mkdir(join(dir, "node_modules", ".bin"));
  for (const [name, target] of Object.entries(manifest.bin)) {
    await symlink(join("..", "lambda-cloud", target), join(dir, "node_modules", ".bin", name));
  }
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: { "lambda-cloud": "*" } }));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
