/** How numbers, ids and durations are shown. */

const dollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2 });

/** `129` → `"$1.29/hr"`. */
export function pricePerHour(cents: number): string {
  return `${dollars.format(cents / 100)}/hr`;
}

/** The first 8 characters of a 32-hex id, enough to tell instances apart. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** `"12:04:31"`: when the list was last refreshed. */
export function timeOfDay(date: Date): string {
  return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** `65_000` → `"1:05"`, `3_725_000` → `"1:02:05"`. */
export function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const seconds = String(total % 60).padStart(2, "0");
  const minutes = Math.floor(total / 60) % 60;
  const hours = Math.floor(total / 3600);
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** `1_536` → `"1.5 KiB"`. */
export function bytes(count: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** `"Updated 12:04:31"`, with `" · cached 3 s"` when the answer said how old it was. */
export function updatedLine(at: Date, ageSeconds: number | undefined): string {
  return `Updated ${timeOfDay(at)}${ageSeconds === undefined ? "" : ` · data ${ageSeconds} s old`}`;
}
