// `npm run api:update`: builds the package and writes the API report of each entry point to
// api/ (see api-report.ts). Commit the reports with the change to the public surface.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { buildApiReports, repoRoot } from "./api-report.ts";

for (const [report, text] of buildApiReports()) {
  mkdirSync(dirname(`${repoRoot}${report}`), { recursive: true });
  writeFileSync(`${repoRoot}${report}`, text);
  console.log(`api:update: wrote ${report}`);
}
