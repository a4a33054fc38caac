// The containers of the dashboard's page (examples/worker/dashboard/static/index.html), read from
// the file itself so that the DOM tests render into the real markup.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const html = readFileSync(join(import.meta.dirname, "../../examples/worker/dashboard/static/index.html"), "utf8");

/** Replaces the document's body with the dashboard page's body (no scripts run). */
export function loadDashboardPage(): void {
  const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1];
  if (body === undefined) throw new Error("index.html has no <body>");
  document.body.innerHTML = body;
}
