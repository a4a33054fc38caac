/** Colour for a stream: yoctocolors' functions on a terminal that supports colour, plain text otherwise (pipes, files, NO_COLOR). */
import colors from "yoctocolors";
import type { OutputStream } from "./io.ts";

/** The few styles the CLI uses. */
export interface Paint {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly red: (text: string) => string;
}

const plain = (text: string) => text;
/** No styling at all (pipes, files, --json). */
export const PLAIN: Paint = { bold: plain, dim: plain, green: plain, yellow: plain, red: plain };

/** Styles for `stream`: coloured only on a terminal, and only when yoctocolors sees colour support (it honours NO_COLOR and FORCE_COLOR). */
export function paintFor(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): Paint {
  const supported = colors.red("x") !== "x" && !env.NO_COLOR;
  if (!stream.isTTY || !supported) return PLAIN;
  return { bold: colors.bold, dim: colors.dim, green: colors.green, yellow: colors.yellow, red: colors.red };
}

/** An instance status in the colour of its meaning: green when usable, yellow on the way, red when lost. */
export function paintStatus(paint: Paint, status: string): string {
  if (status === "active") return paint.green(status);
  if (status === "booting" || status === "terminating") return paint.yellow(status);
  if (status === "unhealthy" || status === "terminated" || status === "preempted") return paint.red(status);
  return status;
}
