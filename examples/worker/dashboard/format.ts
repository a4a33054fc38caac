/** How numbers and ids are shown. */

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
