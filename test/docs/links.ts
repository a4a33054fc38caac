// The relative links of a Markdown page: each must name a file of the repository and, after
// `#`, a heading of that page (as GitHub makes anchors from headings).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/** GitHub's anchor for a heading: lowercase, punctuation dropped, spaces turned into hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The anchors of a page's headings (outside code blocks). */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = !inFence && /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) anchors.add(anchorOf(heading[1] as string));
  }
  return anchors;
}

/** Every relative link of the page at `file` that points at a missing file or heading. */
export function brokenLinks(file: string, root: string): string[] {
  const markdown = readFileSync(file, "utf8").replace(/^(```|~~~)[\s\S]*?^\1/gm, "");
  const broken: string[] = [];
  for (const [, target] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target as string)) continue;
    const [path, anchor] = (target as string).split("#") as [string, string | undefined];
    const linked = path === "" ? file : join(dirname(file), path);
    if (!existsSync(linked)) broken.push(`${target}: ${relative(root, linked)} does not exist`);
    else if (anchor !== undefined && linked.endsWith(".md") && !anchorsOf(readFileSync(linked, "utf8")).has(anchor)) {
      broken.push(`${target}: ${relative(root, linked)} has no heading with the anchor #${anchor}`);
    }
  }
  return broken;
}
