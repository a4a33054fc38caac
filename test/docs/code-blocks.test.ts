import { describe, expect, it } from "vitest";
import { outputPattern, parsePage } from "./code-blocks";

const fence = "```";

describe("parsePage", () => {
  it("reads each marker with the block after it", () => {
    const page = [
      "<!-- file: app.ts -->",
      `${fence}ts`,
      "console.log(1);",
      fence,
      "",
      "<!-- run -->",
      "",
      `${fence}sh`,
      "node app.ts",
      fence,
      "<!-- run: server -->",
      `${fence}sh`,
      "npx lambda-cloud-simulator",
      fence,
      "<!-- output -->",
      `${fence}text`,
      "1",
      fence,
      "<!-- no-run: asks for a secret interactively -->",
      `${fence}sh`,
      "npx wrangler secret put LAMBDA_API_KEY",
      fence,
    ].join("\n");
    const { blocks, problems } = parsePage(page);
    expect(problems).toEqual([]);
    expect(blocks.map((block) => [block.line, block.lang, block.marker])).toEqual([
      [2, "ts", { kind: "file", name: "app.ts" }],
      [8, "sh", { kind: "run" }],
      [12, "sh", { kind: "server" }],
      [16, "text", { kind: "output" }],
      [20, "sh", { kind: "no-run", reason: "asks for a secret interactively" }],
    ]);
    expect(blocks[0]?.content).toBe("console.log(1);\n");
  });

  it("reports a block without a marker, so that nothing goes untested by accident", () => {
    const { blocks, problems } = parsePage(["Some text.", "", `${fence}ts`, "await launch();", fence].join("\n"));
    expect(blocks).toEqual([]);
    expect(problems).toEqual([expect.stringMatching(/^line 3: a ```ts block has no marker; put <!-- run -->/)]);
  });

  it("reports a marker separated from its block by text, an unknown marker, and a no-run without a reason", () => {
    const page = [
      "<!-- run -->",
      "Text in between.",
      `${fence}sh`,
      "ls",
      fence,
      "<!-- run: deno -->",
      `${fence}sh`,
      "ls",
      fence,
      "<!-- no-run: -->",
      `${fence}sh`,
      "ls",
      fence,
    ].join("\n");
    expect(parsePage(page).problems).toEqual([
      "line 1: the marker is not followed by a code block",
      "line 3: a ```sh block has no marker; put <!-- run -->, <!-- run: server -->, <!-- file: NAME -->, <!-- output --> or <!-- no-run: REASON --> on the line before it",
      "line 7: a ```sh block: <!-- run: deno --> is not a marker; use <!-- run --> or <!-- run: server -->",
      "line 11: a ```sh block: <!-- no-run: REASON --> needs a reason that says why the block cannot run",
    ]);
  });
});

describe("outputPattern", () => {
  it("matches the lines as written, a … as any text on its line, and a line of … as any lines", () => {
    const pattern = outputPattern("gpu_1x_a10: $0.75/h, …\n…\nssh ubuntu@…\n");
    expect("3 types\ngpu_1x_a10: $0.75/h, us-west-1\ngpu_1x_a6000: $0.80/h\nmore\nssh ubuntu@198.18.0.1\n").toMatch(
      pattern,
    );
    expect("gpu_1x_a10: $0.75/h, us-west-1\nssh ubuntu@198.18.0.1\n").toMatch(pattern);
    expect("gpu_1x_a10: $0.75/h, us-west-1\n").not.toMatch(pattern);
    expect("gpu_1x_a10: $0X75/h, us-west-1\nssh ubuntu@1\n").not.toMatch(pattern);
  });
});
