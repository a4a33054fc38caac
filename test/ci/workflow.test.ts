// The hosted CI workflow only chooses machines and versions: every job runs .ci/run, on Node 22
// and 24, and each job of the runtime matrix selects tests that exist (a renamed test or project
// would otherwise leave a job that runs nothing and passes).
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const workflow = readFileSync(new URL(".github/workflows/ci.yml", root), "utf8");
const ciRun = readFileSync(new URL(".ci/run", root), "utf8");

/** The runtime matrix: each entry's name and its arguments to .ci/run. */
const runtimeEntries = [...workflow.matchAll(/- \{ name: "([^"]+)", args: (?:'([^']+)'|"([^"]+)") \}/g)].map(
  (match) => ({
    name: match[1] as string,
    args: (match[2] ?? match[3]) as string,
  }),
);

describe(".github/workflows/ci.yml", () => {
  it("runs .ci/run in every job and nothing else", () => {
    const runs = [...workflow.matchAll(/^\s*- run: (.*)$/gm)].map((match) => match[1]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(runs).toEqual([".ci/run", ".ci/run ${{ matrix.runtime.args }}"]);
  });

  it("runs .ci/run on Linux with Node 22 and 24", () => {
    expect(workflow).toMatch(/^\s*node: \[22, 24\]$/m);
    expect([...workflow.matchAll(/runs-on: (.*)/g)].map((match) => match[1])).toEqual([
      "ubuntu-latest",
      "ubuntu-latest",
    ]);
  });

  it("has a runtime-matrix job for Node 22, Node 24, Deno, Bun, workerd, happy-dom and Chromium", () => {
    expect(runtimeEntries.map((entry) => entry.name)).toEqual([
      "Node 22",
      "Node 24",
      "Deno",
      "Bun",
      "workerd",
      "happy-dom",
      "Chromium",
    ]);
  });

  it.each(runtimeEntries)("selects tests that exist for $name", ({ args }) => {
    const project = /--project (\S+)/.exec(args)?.[1];
    if (project) {
      const configs = ["test/dom/vitest.config.ts", "test/workers/runtimes/vitest.config.ts"].map((path) =>
        readFileSync(new URL(path, root), "utf8"),
      );
      expect(configs.some((config) => config.includes(`name: "${project}"`))).toBe(true);
      return;
    }
    const file = args.split(" ")[0] as string;
    expect(existsSync(new URL(file, root))).toBe(true);
    const pattern = /-t "([^"]+)"/.exec(args)?.[1];
    if (pattern) {
      const source = readFileSync(new URL(file, root), "utf8");
      // The runtimes table's rows start with the name that `describe.each` puts in the title.
      const titles = [...source.matchAll(/\[\s*"([^"]+)",/g)].map((match) => `the scenario in ${match[1]}`);
      titles.push(...[...source.matchAll(/describe\("([^"]+)"/g)].map((match) => match[1] as string));
      expect(
        titles.some((title) => new RegExp(pattern).test(title)),
        `no test title matches ${pattern}`,
      ).toBe(true);
    }
  });
});

describe(".ci/run", () => {
  it("passes its arguments to vitest, so that the runtime matrix can select one runtime", () => {
    expect(ciRun).toContain('--outputFile=test-artifacts/vitest.json "$@"');
  });
});
