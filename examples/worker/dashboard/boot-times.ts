/**
 * Typical boot times per instance type: the median of the boots this browser has watched
 * (launch click to `active`), kept in localStorage; until one is seen, the API's guidance.
 */

const STORAGE_KEY = "lambda-cloud-boot-times";
/** Boots kept per type. */
const KEPT = 10;

/** What the API documents when nothing has been observed: "usually 2–4 min to active". */
export const DOCUMENTED_BOOT = "usually 2–4 min";

type Observed = Record<string, number[]>;

function observed(): Observed {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}");
    return parsed !== null && typeof parsed === "object" ? (parsed as Observed) : {};
  } catch {
    return {};
  }
}

/** Records that an instance of `typeName` took `ms` to become active. */
export function recordBoot(typeName: string, ms: number): void {
  const all = observed();
  all[typeName] = [...(all[typeName] ?? []), Math.round(ms)].slice(-KEPT);
  localStorage.setItem(STORAGE_KEY, JSON.stringify(all));
}

/** The median observed boot of `typeName` in milliseconds, or `undefined` when none was seen. */
export function typicalBootMs(typeName: string): number | undefined {
  const boots = (observed()[typeName] ?? []).filter((ms) => Number.isFinite(ms)).sort((a, b) => a - b);
  if (boots.length === 0) return undefined;
  const middle = Math.floor(boots.length / 2);
  return boots.length % 2 === 1
    ? boots[middle]
    : Math.round(((boots[middle - 1] as number) + (boots[middle] as number)) / 2);
}
