// Every code block of README.md and docs/*.md runs as shown (see code-blocks.ts for the markers,
// page-session.ts for what the test changes so that the blocks talk to the simulator instead of
// the real API). The package is packed and installed into a throwaway project first, as a reader
// installs it from a clone.
import { readdirSync, readFileSync } from "node:fs";
import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsumerProject, consumerProject } from "../package/packed";
import { describeRun, repoRoot } from "../runtimes/commands";
import { outputPattern, parsePage } from "./code-blocks";
import { brokenLinks } from "./links";
import { PageSession } from "./page-session";

const PAGES = [
  "README.md",
  "cli/README.md",
  ...readdirSync(join(repoRoot, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

let project: ConsumerProject;
beforeAll(async () => {
  project = await consumerProject();
  // The Worker section has the reader install wrangler (npm install --save-dev wrangler).
  await symlink(join(repoRoot, "node_modules", "wrangler"), join(project.dir, "node_modules", "wrangler"));
  await symlink(join("..", "wrangler", "bin", "wrangler.js"), join(project.dir, "node_modules", ".bin", "wrangler"));
}, 120_000);
afterAll(() => project?.dispose());

describe.each(PAGES)("%s", (page) => {
  const { blocks, problems } = parsePage(readFileSync(join(repoRoot, page), "utf8"));
  let session: PageSession;
  beforeAll(async () => {
    session = await PageSession.create(project.dir, page);
  });
  afterAll(async () => {
    await session?.close();
    expect(session.output().includes(session.key), "a server printed the API key").toBe(false);
    expect(session.unexpectedErrors(), "a server wrote to stderr (a warning?)").toEqual([]);
  });

  it("marks every code block with what the test does with it", () => {
    expect(problems).toEqual([]);
  });

  it("links only to files and headings that exist", () => {
    expect(brokenLinks(join(repoRoot, page), repoRoot)).toEqual([]);
  });

  for (const block of blocks) {
    const { marker } = block;
    const title = `line ${block.line}: ${marker.kind === "file" ? `file ${marker.name}` : marker.kind}`;
    if (marker.kind === "no-run") continue;
    it(title, async () => {
      switch (marker.kind) {
        case "file":
          await session.saveFile(marker.name, block.content);
          return;
        case "run": {
          const result = await session.run(block.content);
          const printed = result.stdout + result.stderr;
          expect(result.code, describeRun(result)).toBe(0);
          expect(printed.includes(session.key), "the block printed the API key").toBe(false);
          expect(result.stderr, "the block wrote to stderr (a warning?)").toBe("");
          return;
        }
        case "server": {
          const server = await session.serve(block.content);
          expect(server.url).toMatch(/^https?:\/\/127\.0\.0\.1:\d+/);
          return;
        }
        case "output":
          expect(session.lastOutput, "an output block must follow a run block").toBeDefined();
          expect(session.lastOutput).toMatch(outputPattern(session.rewrite(block.content)));
      }
    }, 120_000);
  }

  if (blocks.some((block) => block.marker.kind === "file" && block.marker.name.endsWith(".ts"))) {
    it("its TypeScript files type-check", async () => {
      for (const result of await session.typeCheck()) expect(result.code, describeRun(result)).toBe(0);
    }, 120_000);
  }
});
