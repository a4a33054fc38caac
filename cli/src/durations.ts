/** Durations on the command line: `90s`, `20m`, `1h`, `1h30m`; a bare number is seconds. */
import { UsageError } from "./errors.ts";

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

/**
 * Milliseconds in a duration.
 * @throws {UsageError} naming the flag when the text is not a duration.
 */
export function parseDuration(flag: string, text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) {
    throw new UsageError(`${flag} needs a duration such as 90s, 20m or 1h30m; got ${JSON.stringify(text)}.`);
  }
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) total += Number(amount) * (UNIT_MS[unit as string] as number);
  return total;
}
