// The API report of each entry point of the package: every exported name with its declaration
// as published (dist/**/*.d.ts, comments removed), then every declaration the exports refer to
// without exporting it. `npm run api:update` writes the reports to api/; the API report test
// compares them with a fresh build, so that a change to the public surface is a deliberate one,
// seen in review. Read with the TypeScript compiler API, so names keep their public spelling
// (a bundler's `InstanceTypes$1` is printed as the name it was declared with).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { readingProgram } from "./ts-program.ts";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** One entry point of the package: its import specifier, its declarations and its report's path. */
export interface ApiEntry {
  /** The specifier users import, e.g. `"lambda-cloud/proxy"`. */
  readonly specifier: string;
  /** The entry's declaration file, relative to the repository, e.g. `"dist/proxy/index.d.ts"`. */
  readonly declarations: string;
  /** Where its report is kept, relative to the repository, e.g. `"api/proxy.api.md"`. */
  readonly report: string;
}

/** The entry points, read from package.json's `exports` (every subpath with `types`). */
export function apiEntries(): ApiEntry[] {
  const manifest = JSON.parse(readFileSync(`${repoRoot}package.json`, "utf8")) as {
    name: string;
    exports: Record<string, { types?: string }>;
  };
  return Object.entries(manifest.exports).flatMap(([subpath, target]) => {
    if (typeof target !== "object" || target.types === undefined) return [];
    const rest = subpath.replace(/^\.\/?/, "");
    return [
      {
        specifier: rest ? `${manifest.name}/${rest}` : manifest.name,
        declarations: target.types.replace(/^\.\//, ""),
        report: `api/${rest.replaceAll("/", "-") || "index"}.api.md`,
      },
    ];
  });
}

/** Builds the report of every entry, by report path. Reads dist/: run `npm run build` first. */
export function buildApiReports(entries: readonly ApiEntry[] = apiEntries()): Map<string, string> {
  const program = readingProgram(entries.map((entry) => `${repoRoot}${entry.declarations}`));
  const checker = program.getTypeChecker();
  return new Map(entries.map((entry) => [entry.report, reportOf(entry, program, checker)]));
}

const distRoot = `${repoRoot}dist/`;

function reportOf(entry: ApiEntry, program: ts.Program, checker: ts.TypeChecker): string {
  const file = program.getSourceFile(`${repoRoot}${entry.declarations}`);
  const moduleSymbol = file && checker.getSymbolAtLocation(file);
  if (!moduleSymbol)
    throw new Error(`api-report: ${entry.declarations} is missing or is not a module. Run \`npm run build\` first.`);

  const resolve = (symbol: ts.Symbol) =>
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const ours = (symbol: ts.Symbol) =>
    symbol.declarations?.some((node) => node.getSourceFile().fileName.startsWith(distRoot) && isTopLevel(node)) ===
    true;

  // Public names first: each export is shown under the name users import it by.
  const displayName = new Map<ts.Symbol, string>();
  const exported = checker
    .getExportsOfModule(moduleSymbol)
    .map((symbol) => ({ name: symbol.name, target: resolve(symbol) }));
  for (const { name, target } of exported) if (!displayName.has(target)) displayName.set(target, name);

  // Then every declaration of ours that an export refers to, transitively, under its declared name.
  const referenced: ts.Symbol[] = [];
  const queue = exported.map(({ target }) => target);
  const taken = new Set(displayName.values());
  while (queue.length > 0) {
    for (const node of declarationsOf(queue.shift()!)) {
      visit(node, (identifier) => {
        const symbol = checker.getSymbolAtLocation(identifier);
        if (!symbol) return;
        const target = resolve(symbol);
        if (displayName.has(target) || !ours(target)) return;
        displayName.set(target, uniqueName(target.name, taken));
        referenced.push(target);
        queue.push(target);
      });
    }
  }

  const print = (symbol: ts.Symbol) =>
    declarationsOf(symbol)
      .map((node) => printDeclaration(node, checker, (s) => displayName.get(resolve(s))))
      .join("\n");
  const byName = (a: { name: string }, b: { name: string }) => codeUnitOrder(a.name, b.name);
  const exportedBlocks = exported
    .sort(byName)
    .map(({ name, target }) =>
      displayName.get(target) === name ? print(target) : `export { ${displayName.get(target)} as ${name} };`,
    );
  const referencedBlocks = referenced
    .map((symbol) => ({ name: displayName.get(symbol)!, symbol }))
    .sort(byName)
    .map(({ symbol }) => print(symbol));

  return [
    `# API report: ${entry.specifier}`,
    "",
    `Generated from \`${entry.declarations}\` by \`npm run api:update\`; do not edit by hand. The API report test`,
    "compares it with the built declarations, so a change to the public surface shows up here in review.",
    "",
    `## Exported (${exportedBlocks.length})`,
    "",
    "```ts",
    exportedBlocks.join("\n\n"),
    "```",
    "",
    `## Referenced by the exports, not exported (${referencedBlocks.length})`,
    "",
    "```ts",
    referencedBlocks.join("\n\n"),
    "```",
    "",
  ].join("\n");
}

function isTopLevel(node: ts.Node): boolean {
  const statement = ts.isVariableDeclaration(node) ? node.parent.parent : node;
  return ts.isSourceFile(statement.parent) || ts.isModuleBlock(statement.parent);
}

/** The statements that declare `symbol` (a variable's whole `declare const` statement). */
function declarationsOf(symbol: ts.Symbol): ts.Node[] {
  const nodes = (symbol.declarations ?? []).filter(
    (node) => node.getSourceFile().fileName.startsWith(distRoot) && isTopLevel(node),
  );
  return [...new Set(nodes.map((node) => (ts.isVariableDeclaration(node) ? node.parent.parent : node)))];
}

/** Calls `found` with each identifier in `node` that names a type or value (not a member's own name). */
function visit(node: ts.Node, found: (identifier: ts.Identifier) => void): void {
  if (ts.isIdentifier(node)) {
    if (!isMemberName(node)) found(node);
    return;
  }
  if (ts.isQualifiedName(node) || ts.isPropertyAccessExpression(node)) {
    // Only the leftmost name refers to a declaration of its own, e.g. `v` in `v.StringSchema`.
    visit(ts.isQualifiedName(node) ? node.left : node.expression, found);
    return;
  }
  ts.forEachChild(node, (child) => visit(child, found));
}

function isMemberName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (
    ((ts.isPropertySignature(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isMethodSignature(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isGetAccessorDeclaration(parent) ||
      ts.isSetAccessorDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isTypeParameterDeclaration(parent) ||
      ts.isNamedTupleMember(parent)) &&
      parent.name === identifier) ||
    ts.isImportSpecifier(parent) ||
    ts.isExportSpecifier(parent)
  );
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}_${n}`;
  taken.add(candidate);
  return candidate;
}

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** The union members {@link inTextOrder} puts last, as declarations conventionally write them. */
const LAST_IN_UNIONS = new Set(["null", "undefined"]);

/**
 * A union's members sorted by their printed text, `null` and `undefined` last. The declarations
 * print an inferred union (such as `OpenEnum<"booting" | "active" | …>`) in the order the
 * compiler first met its members' types.
 * tsup's declaration build (rollup-plugin-dts) emits each source file when rollup reaches it, and
 * rollup reaches files concurrently, so that order changes from one machine or build to the next
 * (CI once saw `"active" | "booting"`). A union is a set: the report shows it in one order.
 */
export function inTextOrder(members: readonly ts.TypeNode[], sourceFile: ts.SourceFile): ts.TypeNode[] {
  const printed = members.map((member) => ({
    member,
    text: printer.printNode(ts.EmitHint.Unspecified, member, sourceFile),
  }));
  const isLast = (text: string) => Number(LAST_IN_UNIONS.has(text));
  return printed
    .sort((a, b) => isLast(a.text) - isLast(b.text) || codeUnitOrder(a.text, b.text))
    .map(({ member }) => member);
}

/** Compares two strings by UTF-16 code units, as `Array.prototype.sort` does by default. */
function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Prints a declaration without comments, each name of ours spelled as the report shows it and each
 * union's members in text order.
 */
function printDeclaration(
  node: ts.Node,
  checker: ts.TypeChecker,
  nameOf: (symbol: ts.Symbol) => string | undefined,
): string {
  const sourceFile = node.getSourceFile();
  const rename: ts.TransformerFactory<ts.Node> = (context) => {
    const visitor = (current: ts.Node): ts.Node => {
      if (ts.isIdentifier(current) && !isMemberName(current)) {
        const symbol = checker.getSymbolAtLocation(current);
        const name = symbol && nameOf(symbol);
        return name && name !== current.text ? ts.factory.createIdentifier(name) : current;
      }
      if (ts.isUnionTypeNode(current)) {
        const members = current.types.map((member) => ts.visitNode(member, visitor) as ts.TypeNode);
        return ts.factory.updateUnionTypeNode(current, ts.factory.createNodeArray(inTextOrder(members, sourceFile)));
      }
      if (ts.isQualifiedName(current))
        return ts.factory.updateQualifiedName(
          current,
          ts.visitNode(current.left, visitor) as ts.EntityName,
          current.right,
        );
      return ts.visitEachChild(current, visitor, context);
    };
    return (root) => ts.visitNode(root, visitor) as ts.Node;
  };
  const result = ts.transform(node, [rename]);
  const text = printer.printNode(ts.EmitHint.Unspecified, result.transformed[0]!, sourceFile);
  result.dispose();
  return text;
}
