// The code blocks of a Markdown page and the marker on the line before each one, which says what
// the docs test does with the block. A block without a marker is a problem: nothing in the docs
// goes untested by accident.
//
//   <!-- file: NAME -->      the block is saved as NAME in the page's project (run by a later block)
//   <!-- run -->             shell commands, run in the page's project; they must exit 0
//   <!-- run: server -->     a command that serves until stopped (it must print its http:// URL);
//                            it keeps running for the rest of the page
//   <!-- output -->          what the previous `run` block prints: a `…` stands for any text on
//                            its line, a line of only `…` for any number of lines
//   <!-- no-run: REASON -->  not run, and REASON says why (it needs a Cloudflare account, …)

/** What a marker asks for. */
export type Marker =
  | { readonly kind: "file"; readonly name: string }
  | { readonly kind: "run" }
  | { readonly kind: "server" }
  | { readonly kind: "output" }
  | { readonly kind: "no-run"; readonly reason: string };

/** A fenced code block and its marker. */
export interface CodeBlock {
  /** The 1-based line of the opening fence. */
  readonly line: number;
  /** The fence's info string, e.g. `ts` or `sh`. */
  readonly lang: string;
  readonly marker: Marker;
  /** The lines between the fences, with a trailing newline. */
  readonly content: string;
}

/** The blocks of a page, and each problem found (an unmarked block, a marker that marks nothing, …). */
export interface ParsedPage {
  readonly blocks: readonly CodeBlock[];
  readonly problems: readonly string[];
}

const MARKER = /^<!--\s*(file|run|no-run|output)(?::\s*(.*?))?\s*-->$/;
const FENCE = /^(`{3,}|~{3,})(.*)$/;
const HOW_TO_MARK =
  "put <!-- run -->, <!-- run: server -->, <!-- file: NAME -->, <!-- output --> or <!-- no-run: REASON --> on the line before it";

function markerOf(kind: string, argument: string | undefined): Marker | string {
  const value = argument ?? "";
  switch (kind) {
    case "file":
      return /^[\w.-]+$/.test(value)
        ? { kind, name: value }
        : `<!-- file: NAME --> needs a plain file name, got ${JSON.stringify(value)}`;
    case "run":
      if (value === "") return { kind: "run" };
      return value === "server"
        ? { kind: "server" }
        : `<!-- run: ${value} --> is not a marker; use <!-- run --> or <!-- run: server -->`;
    case "output":
      return value === "" ? { kind } : "<!-- output --> takes no argument";
    default:
      return value.length >= 10
        ? { kind: "no-run", reason: value }
        : "<!-- no-run: REASON --> needs a reason that says why the block cannot run";
  }
}

/** Finds every fenced block of a Markdown page and the marker before it. */
export function parsePage(markdown: string): ParsedPage {
  const lines = markdown.split("\n");
  const blocks: CodeBlock[] = [];
  const problems: string[] = [];
  let pending: { marker: Marker | string; line: number } | undefined;
  for (let index = 0; index < lines.length; index++) {
    const text = (lines[index] as string).trim();
    const markerMatch = MARKER.exec(text);
    if (markerMatch) {
      if (pending) problems.push(`line ${pending.line}: the marker is not followed by a code block`);
      pending = { marker: markerOf(markerMatch[1] as string, markerMatch[2]), line: index + 1 };
      continue;
    }
    const fence = FENCE.exec(text);
    if (!fence) {
      if (text !== "" && pending) {
        problems.push(`line ${pending.line}: the marker is not followed by a code block`);
        pending = undefined;
      }
      continue;
    }
    const [, ticks, info] = fence as unknown as [string, string, string];
    const start = index;
    const body: string[] = [];
    while (++index < lines.length && !(lines[index] as string).trim().startsWith(ticks))
      body.push(lines[index] as string);
    if (index >= lines.length) problems.push(`line ${start + 1}: the code block is never closed`);
    const where = `line ${start + 1}: a \`\`\`${info.trim()} block`;
    if (!pending) problems.push(`${where} has no marker; ${HOW_TO_MARK}`);
    else if (typeof pending.marker === "string") problems.push(`${where}: ${pending.marker}`);
    else
      blocks.push({
        line: start + 1,
        lang: info.trim(),
        marker: pending.marker,
        content: body.length > 0 ? `${body.join("\n")}\n` : "",
      });
    pending = undefined;
  }
  if (pending) problems.push(`line ${pending.line}: the marker is not followed by a code block`);
  return { blocks, problems };
}

/** The expected output as a pattern: a `…` stands for any text on its line, a line of only `…` for any lines. */
export function outputPattern(expected: string): RegExp {
  const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const lines = expected.trimEnd().split("\n");
  const parts = lines.map((line, index) => {
    if (line.trim() === "…") return "(?:[^\\n]*\\n)*?";
    return line.split("…").map(escapeRegExp).join("[^\\n]*") + (index < lines.length - 1 ? "\\n" : "");
  });
  return new RegExp(parts.join(""));
}
