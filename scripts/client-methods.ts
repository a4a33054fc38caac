// Which client methods send which operation, read from the sources with the TypeScript compiler
// API (for docs/api.md, see api-index.ts). A method *sends* an operation when its body passes
// `operations.<id>` to a call (`this.transport.call(operations.listInstances, …)`); it *uses*
// every operation sent by the methods and functions of src/resources/ that it calls, transitively
// (`waitFor` polls `get`, which sends `getInstance`). Methods are named by where a user reaches
// them: the resource groups are the properties of `LambdaCloudClient`, nested groups included
// (`client.tickets.attachments.upload`).
import ts from "typescript";
import { readingProgram } from "./ts-program.ts";

/** The client methods of one operation. */
export interface OperationCallers {
  /** The methods whose own body sends it, e.g. `["client.instances.list"]`. */
  readonly sends: string[];
  /** The other methods that send it through those, e.g. `["client.instances.findByIdempotencyToken"]`. */
  readonly uses: string[];
}

/** What the sources say: the callers of each operation id, and every public method of the client. */
export interface ClientMethods {
  /** By operation id; an id no method reaches is absent. */
  readonly byOperation: ReadonlyMap<string, OperationCallers>;
  /** Every public method of every resource group, in declaration order, e.g. `"client.instances.waitFor"`. */
  readonly methods: readonly string[];
}

type FunctionLike = ts.FunctionLikeDeclaration;

/** Reads `src/client.ts` and what it imports under `root` (the repository, ending in `/`). */
export function findClientMethods(root: string): ClientMethods {
  const program = readingProgram([`${root}src/client.ts`]);
  const checker = program.getTypeChecker();
  const inResources = (node: ts.Node) => node.getSourceFile().fileName.startsWith(`${root}src/resources/`);
  const resolve = (symbol: ts.Symbol) =>
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;

  const clientFile = program.getSourceFile(`${root}src/client.ts`);
  const client = clientFile?.statements.find(
    (statement): statement is ts.ClassDeclaration =>
      ts.isClassDeclaration(statement) && statement.name?.text === "LambdaCloudClient",
  );
  if (!client) throw new Error(`client-methods: no class LambdaCloudClient in ${root}src/client.ts.`);

  // The public methods of each resource group, by declaration, under the name users call them by.
  const publicName = new Map<FunctionLike, string>();
  const addGroups = (owner: ts.ClassDeclaration, prefix: string) => {
    for (const member of owner.members) {
      if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name) || !isPublic(member)) continue;
      const group = checker
        .getTypeAtLocation(member)
        .getSymbol()
        ?.declarations?.find((node): node is ts.ClassDeclaration => ts.isClassDeclaration(node) && inResources(node));
      if (!group) continue;
      const path = `${prefix}.${member.name.text}`;
      for (const method of group.members)
        if (ts.isMethodDeclaration(method) && ts.isIdentifier(method.name) && isPublic(method) && method.body)
          publicName.set(method, `${path}.${method.name.text}`);
      addGroups(group, path);
    }
  };
  addGroups(client, "client");

  // What each function of src/resources/ sends itself, and which functions of src/resources/ it calls.
  const operationSymbols = operationsExport(program, checker, root);
  const sentBy = new Map<FunctionLike, { sends: Set<string>; calls: Set<FunctionLike> }>();
  const scan = (fn: FunctionLike) => {
    if (sentBy.has(fn)) return;
    const found = { sends: new Set<string>(), calls: new Set<FunctionLike>() };
    sentBy.set(fn, found);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const [first] = node.arguments;
        if (first && ts.isPropertyAccessExpression(first) && ts.isIdentifier(first.expression)) {
          const symbol = checker.getSymbolAtLocation(first.expression);
          if (symbol && operationSymbols.has(resolve(symbol))) found.sends.add(first.name.text);
        }
        const callee = calleeName(node.expression);
        const symbol = callee && checker.getSymbolAtLocation(callee);
        for (const declaration of (symbol && resolve(symbol).declarations) ?? []) {
          const target = functionOf(declaration);
          if (target && inResources(target)) found.calls.add(target);
        }
      }
      ts.forEachChild(node, visit);
    };
    if (fn.body) visit(fn.body);
    for (const callee of found.calls) scan(callee);
  };
  for (const method of publicName.keys()) scan(method);

  const reached = (fn: FunctionLike, seen = new Set<FunctionLike>()): Set<string> => {
    const result = new Set<string>();
    if (seen.has(fn)) return result;
    seen.add(fn);
    const found = sentBy.get(fn)!;
    for (const id of found.sends) result.add(id);
    for (const callee of found.calls) for (const id of reached(callee, seen)) result.add(id);
    return result;
  };

  const byOperation = new Map<string, OperationCallers>();
  const callersOf = (id: string) => {
    const callers = byOperation.get(id) ?? { sends: [], uses: [] };
    byOperation.set(id, callers);
    return callers;
  };
  for (const [method, name] of publicName) {
    const sends = sentBy.get(method)!.sends;
    for (const id of sends) callersOf(id).sends.push(name);
    for (const id of reached(method)) if (!sends.has(id)) callersOf(id).uses.push(name);
  }
  return { byOperation, methods: [...publicName.values()] };
}

/**
 * What `<symbol>.<operation id>` names an operation through: the table `operations` exported by
 * src/operation-schemas.ts, and the module itself, which exports each operation under its id
 * (the resources import it as a namespace).
 */
function operationsExport(program: ts.Program, checker: ts.TypeChecker, root: string): ReadonlySet<ts.Symbol> {
  const file = program.getSourceFile(`${root}src/operation-schemas.ts`);
  const module = file && checker.getSymbolAtLocation(file);
  const symbol = module && checker.getExportsOfModule(module).find((exported) => exported.name === "operations");
  if (!symbol) throw new Error(`client-methods: src/operation-schemas.ts does not export \`operations\`.`);
  return new Set([symbol, module]);
}

function isPublic(member: ts.PropertyDeclaration | ts.MethodDeclaration): boolean {
  const hidden = [ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.StaticKeyword];
  return (
    !ts.isPrivateIdentifier(member.name) && !ts.getModifiers(member)?.some((modifier) => hidden.includes(modifier.kind))
  );
}

/** The name a call is made through: `f` in `f()`, `launch` in `instances.launch()` or `this.#reconcile()`. */
function calleeName(callee: ts.Expression): ts.Node | undefined {
  if (ts.isIdentifier(callee)) return callee;
  if (ts.isPropertyAccessExpression(callee)) return callee.name;
  return undefined;
}

/** The function a declaration declares: a method or function, or a variable holding an arrow function. */
function functionOf(declaration: ts.Declaration): FunctionLike | undefined {
  if (ts.isMethodDeclaration(declaration) || ts.isFunctionDeclaration(declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const value = declaration.initializer;
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return value;
  }
  return undefined;
}
