import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { anchorOf, brokenLinks } from "./links";

describe("anchorOf", () => {
  it("makes GitHub's anchors: lowercase, punctuation dropped, each space a hyphen", () => {
    expect(anchorOf("The control API: `--admin`")).toBe("the-control-api---admin");
    expect(anchorOf("Tests: what runs where")).toBe("tests-what-runs-where");
    expect(anchorOf("Edge proxy: `lambda-cloud/proxy`")).toBe("edge-proxy-lambda-cloudproxy");
  });
});

describe("brokenLinks", () => {
  const root = mkdtempSync(join(tmpdir(), "lambda-cloud-links-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("reports links to missing files and headings, and ignores URLs and links inside code blocks", () => {
    writeFileSync(join(root, "other.md"), "# Other page\n\n## A section\n");
    const fence = "```";
    writeFileSync(
      join(root, "page.md"),
      [
        "# Page",
        "[ok](other.md#a-section) [self](#page) [web](https://example.com/x.md)",
        "[gone](missing.md) [no heading](other.md#nowhere)",
        `${fence}md`,
        "[in code](nothing.md)",
        fence,
      ].join("\n"),
    );
    expect(brokenLinks(join(root, "page.md"), root)).toEqual([
      "missing.md: missing.md does not exist",
      "other.md#nowhere: other.md has no heading with the anchor #nowhere",
    ]);
  });
});
