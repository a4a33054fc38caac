/** A comma-separated var (`ALLOWED_ORIGINS`, `ACCESS_WRITER_EMAILS`, …) as its trimmed, non-empty entries. */
export function commaList(setting: string | undefined): string[] {
  return (setting ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}
