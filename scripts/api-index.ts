// `npm run docs:api` (also part of `npm run api:update`): writes docs/api.md, the index of every
// operation, from the operations table (src/operations.ts) and the client methods that send each
// one (read from src/resources/, see client-methods.ts). Nothing on the page is written by hand
// but its prose: test/docs/api-index.test.ts regenerates it and fails when the kept page differs.
// The table's modules import with .js specifiers, which Node's type stripping cannot resolve, so
// they are bundled first (they import no package) and loaded from memory.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { OperationRoute } from "../src/operations.ts";
import { type ClientMethods, findClientMethods } from "./client-methods.ts";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** The page's path, relative to the repository. */
export const API_INDEX = "docs/api.md";

/** What the page is made of: the operations table and what goes with it. */
export type OperationsTable = Pick<
  typeof import("../src/operations.ts"),
  "operationRouteList" | "resourceFreshnessMs" | "resourcesChangedBy"
> &
  Pick<typeof import("../src/base-url.ts"), "DEFAULT_BASE_URL">;

/** Loads the operations table from src/, without a build. */
export async function loadOperationsTable(): Promise<OperationsTable> {
  const bundle = await build({
    stdin: {
      contents: [
        `export { operationRouteList, resourceFreshnessMs, resourcesChangedBy } from "./src/operations.ts";`,
        `export { DEFAULT_BASE_URL } from "./src/base-url.ts";`,
      ].join("\n"),
      resolveDir: repoRoot,
      loader: "ts",
    },
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    logLevel: "warning",
  });
  const code = bundle.outputFiles[0]!.text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
}

/** The text of docs/api.md, from the table and the client's sources. */
export async function buildApiIndex(): Promise<string> {
  return renderApiIndex(await loadOperationsTable(), findClientMethods(repoRoot));
}

/** Renders the page: an introduction, then one table per resource, in the operations table's order. */
export function renderApiIndex(table: OperationsTable, client: ClientMethods): string {
  const routes = table.operationRouteList;
  const resources = [...new Set(routes.map((route) => route.resource))];
  const lines = [
    "# API index: every operation",
    "",
    `The Lambda Cloud API's ${routes.length} operations, one row each, grouped by the resource they read or`,
    "change. This page is generated from the operations table (`src/operations.ts`) and the client's",
    "sources (`src/resources/`) by `npm run docs:api`, which `npm run api:update` also runs; do not",
    "edit it by hand. `test/docs/api-index.test.ts` fails when it is out of date. How to call each",
    "method is in [the client's reference](client.md); how to add an operation, in",
    "[CONTRIBUTING.md](../CONTRIBUTING.md#adding-an-operation-when-the-api-grows).",
    "",
    `Paths are relative to the base URL (by default \`${table.DEFAULT_BASE_URL}\`). Every`,
    `operation can also be called by its id, with the input the row names:`,
    `\`${callExample(routes)}\` goes through the same checks, rate`,
    "limiter, retries, hooks and validation as the methods ([docs/client.md](client.md#any-operation-by-its-id-call)).",
    "",
    "- **access**: `read` changes nothing, `write` creates or updates, `destructive` terminates, deletes",
    "  or replaces every firewall rule. The proxy forwards only `read` operations unless its `allow`",
    "  option says more ([docs/proxy.md](proxy.md#options)).",
    "- **sent by**: the methods that send the operation themselves; **also used by**: the methods",
    "  that send it through those (a wait polls `get`, a launch lists instances to reconcile).",
    "- **gateway**: how long [the gateway](gateway.md#what-the-gateway-does) serves a read from its",
    "  shared cache (`resourceFreshnessMs` of the resource), or which cached resources a write makes",
    "  stale (its own and its `alsoChanges`).",
    "- **outcome unknown on failure**: `yes` where a failure after the request may have reached the",
    "  server (connection lost, timeout, 5xx) leaves the outcome unknown: the client throws",
    "  `LaunchOutcomeUnknownError` and never retries it, the gateway never re-sends it",
    "  ([exactly-once launch](client.md#exactly-once-launch)).",
    "",
    `| resource | operations |`,
    "|---|---|",
    ...resources.map(
      (resource) => `| [${resource}](#${resource}) | ${routes.filter((route) => route.resource === resource).length} |`,
    ),
  ];
  for (const resource of resources) {
    lines.push(
      "",
      `## ${resource}`,
      "",
      "| operationId | method and path | `client.call` input | access | sent by | also used by | gateway | outcome unknown on failure |",
      "|---|---|---|---|---|---|---|---|",
    );
    for (const route of routes.filter((candidate) => candidate.resource === resource)) {
      const callers = client.byOperation.get(route.id) ?? { sends: [], uses: [] };
      const cells = [
        code(route.id),
        code(`${route.method} ${route.path}`),
        inputOf(route),
        route.access,
        callers.sends.length > 0 ? codeList(callers.sends) : "none: only `client.call`",
        codeList(callers.uses),
        gatewayCell(table, route),
        route.outcomeUnknownOnFailure ? "yes" : "no",
      ];
      lines.push(`| ${cells.join(" | ")} |`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function code(text: string): string {
  return `\`${text}\``;
}

function codeList(items: readonly string[]): string {
  return items.length === 0 ? "—" : [...items].sort(byCodePoint).map(code).join(", ");
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What `client.call` takes for the operation, e.g. `params: { id }`, `body`. */
function inputOf(route: OperationRoute): string {
  const parts = [
    Object.keys(route.params).length > 0 ? `\`params: { ${Object.keys(route.params).join(", ")} }\`` : undefined,
    route.queryKeys ? `\`query: { ${route.queryKeys.join(", ")} }\`` : undefined,
    route.hasBody ? "`body`" : undefined,
  ].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join(", ") : "none";
}

/** The page's `client.call` example: the first operation with path parameters, e.g. `client.call("getInstance", { params: { id } })`. */
function callExample(routes: readonly OperationRoute[]): string {
  const route = routes.find((candidate) => Object.keys(candidate.params).length > 0);
  if (!route) return `client.call("${routes[0]!.id}")`;
  return `client.call("${route.id}", { params: { ${Object.keys(route.params).join(", ")} } })`;
}

function gatewayCell(table: OperationsTable, route: OperationRoute): string {
  if (route.access === "read") return `cached ${duration(table.resourceFreshnessMs[route.resource])}`;
  return `makes stale: ${table.resourcesChangedBy(route).join(", ")}`;
}

function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(`${repoRoot}${API_INDEX}`, await buildApiIndex());
  console.log(`docs:api: wrote ${API_INDEX}`);
}
