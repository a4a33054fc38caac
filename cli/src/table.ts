/** Human output: borderless, aligned tables (cli-table3) and key/value details. */
import Table from "cli-table3";
import type { Paint } from "./paint.ts";

/** A table cell: text, a number, or nothing (shown as "-"). */
export type Cell = string | number | boolean | null | undefined;

const BORDERLESS = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: "  ",
};

function text(cell: Cell): string {
  return cell === null || cell === undefined || cell === "" ? "-" : String(cell);
}

/** Rows under bold headings; "(none)" for an empty list. */
export function table(paint: Paint, head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  if (rows.length === 0) return paint.dim("(none)");
  const rendered = new Table({
    head: head.map((heading) => paint.bold(heading)),
    chars: BORDERLESS,
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0 },
  });
  for (const row of rows) rendered.push(row.map(text));
  return rendered
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
}

/** One record as "key  value" lines. */
export function details(paint: Paint, pairs: readonly (readonly [string, Cell])[]): string {
  const rendered = new Table({
    chars: BORDERLESS,
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0 },
  });
  for (const [key, value] of pairs) rendered.push([paint.dim(key), text(value)]);
  return rendered
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
}

/** US cents per hour as dollars: 129 → "$1.29/h". */
export function dollarsPerHour(cents: number): string {
  return `$${(cents / 100).toFixed(2)}/h`;
}
