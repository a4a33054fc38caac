// Every command's --help fits a screen and shows an example; the completion scripts complete
// subcommands and flags: bash for real; fish and zsh for real where they are installed (they are
// not part of the project's machine, so those two tests are skipped, visibly, without them), and
// their scripts are always checked for the same table.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { completionEntries } from "../../cli/src/completion.ts";
import { buildProgram } from "../../cli/src/program.ts";
import { cliSimulator } from "./harness";

const exec = promisify(execFile);

/** Whether a shell is on PATH. */
function installed(shell: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${shell}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The CLI's commander Command (commander resolves to another major version from test/). */
type Command = ReturnType<typeof buildProgram>;

/** Every command path, e.g. ["instances", "launch"]. */
function commandPaths(command: Command, path: string[] = []): string[][] {
  return [
    path,
    ...command.commands
      .filter((sub) => sub.name() !== "help")
      .flatMap((sub) => commandPaths(sub, [...path, sub.name()])),
  ];
}

const { run } = cliSimulator();
const program = buildProgram({} as never);

describe("--help", () => {
  it.each(commandPaths(program).map((path) => [path.join(" ") || "(top level)", path]))(
    "%s: fits 100 columns by 32 lines and shows an example",
    async (_name, path) => {
      const result = await run([...(path as string[]), "--help"]);
      expect(result.code).toBe(0);
      const lines = result.stdout.trimEnd().split("\n");
      expect(lines.length).toBeLessThanOrEqual(32);
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
      expect(result.stdout).toMatch(/Examples?:\n {2}\$ lambda-cloud /);
    },
  );

  it("a group without a subcommand shows its help and exits 2", async () => {
    const result = await run(["instances"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: lambda-cloud instances");
  });
});

describe("completion", () => {
  it("has an entry for every command path, listing its subcommands and flags", () => {
    const entries = new Map(completionEntries(program).map((entry) => [entry.path, entry.words]));
    expect(entries.get("")).toEqual(expect.arrayContaining(["instances", "types", "ssh", "--json", "--base-url"]));
    expect(entries.get("/instances/launch")).toEqual(
      expect.arrayContaining(["--type", "--instance-type-name", "--region", "--ssh-key", "--tag", "--wait", "--json"]),
    );
    expect(entries.size).toBe(commandPaths(program).length);
  });

  /** What bash completes after typing `words` (the last one partly typed). */
  async function bashCompletes(script: string, words: string[]): Promise<string[]> {
    const line = ["lambda-cloud", ...words].map((word) => `'${word}'`).join(" ");
    const { stdout } = await exec("bash", [
      "-c",
      `${script}\nCOMP_WORDS=(${line}); COMP_CWORD=${words.length}; _lambda_cloud; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ]);
    return stdout.split("\n").filter(Boolean);
  }

  it("bash completes commands, subcommands and flags", async () => {
    const script = (await run(["completion", "bash"])).stdout;
    expect(await bashCompletes(script, ["inst"])).toEqual(["instances"]);
    expect(await bashCompletes(script, ["instances", "la"])).toEqual(["launch"]);
    expect(await bashCompletes(script, ["instances", "launch", "--ty"])).toEqual(["--type"]);
    expect(await bashCompletes(script, ["firewall", "rulesets", "set-"])).toEqual(["set-global"]);
    expect(await bashCompletes(script, ["types", "--avail"])).toEqual(["--available"]);
  });

  it.skipIf(!installed("fish"))("fish completes commands, subcommands and flags (needs fish)", async () => {
    const script = (await run(["completion", "fish"])).stdout;
    const complete = async (line: string) =>
      (await exec("fish", ["-c", `${script}\ncomplete -C'${line}'`])).stdout.split("\n").filter(Boolean);
    expect(await complete("lambda-cloud inst")).toEqual(["instances"]);
    expect(await complete("lambda-cloud instances la")).toEqual(["launch"]);
    expect(await complete("lambda-cloud firewall rulesets set-")).toEqual(["set-global"]);
  });

  it.skipIf(!installed("zsh"))("zsh offers the words of the command typed so far (needs zsh)", async () => {
    const script = (await run(["completion", "zsh"])).stdout.replace(/^compdef .*$/m, "");
    // compadd itself filters by the typed prefix; here it prints what it is offered.
    const offered = async (words: string[]) =>
      (
        await exec("zsh", [
          "-c",
          `${script}\ncompadd() { shift; print -l -- "$@" }\nwords=(${words.join(" ")}); CURRENT=${words.length}; _lambda_cloud`,
        ])
      ).stdout
        .split("\n")
        .filter(Boolean);
    expect(await offered(["lambda-cloud", "instances", "la"])).toEqual(
      expect.arrayContaining(["launch", "terminate", "--json"]),
    );
    expect(await offered(["lambda-cloud", "instances", "launch", "--ty"])).toEqual(
      expect.arrayContaining(["--type", "--wait"]),
    );
  });

  it("zsh and fish scripts carry the same paths and words", async () => {
    const zsh = (await run(["completion", "zsh"])).stdout;
    const fish = (await run(["completion", "fish"])).stdout;
    expect(zsh).toMatch(/^#compdef lambda-cloud\n/);
    expect(zsh).toContain('("/instances/launch") candidates=(');
    expect(fish).toContain("case '/instances/launch'");
    expect(fish).toContain("complete -c lambda-cloud -f -a '(_lambda_cloud)'");
    expect((await run(["completion", "tcsh"])).code).toBe(2);
  });
});
