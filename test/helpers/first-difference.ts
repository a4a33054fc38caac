/** Comparing a checked-in generated file with what its generator writes now. */

/**
 * Where two texts first differ, for a failure message, e.g.
 * `, first at line 12: "readonly status: 404;" is now "readonly status: number;"`.
 */
export function firstDifference(kept: string, built: string): string {
  const keptLines = kept.split("\n");
  const builtLines = built.split("\n");
  const line = keptLines.findIndex((text, index) => text !== builtLines[index]);
  const at = line === -1 ? keptLines.length : line;
  return `, first at line ${at + 1}: ${JSON.stringify(keptLines[at]?.trim() ?? "(end)")} is now ${JSON.stringify(builtLines[at]?.trim() ?? "(end)")}`;
}
