/**
 * Mapping between operations and URLs, in both directions, derived from the operations
 * table: the client builds paths and query strings with it; the proxy and the simulator
 * match incoming requests with it.
 */
import { RequestValidationError } from "./errors.js";
import type { OperationSpec } from "./operation-schemas.js";
import type { HttpMethod, OperationRoute } from "./operations.js";

const PARAM_PATTERN = /\{([a-z_]+)\}/g;

/**
 * Fills an operation's path template, checking every parameter against its pattern.
 * @throws {RequestValidationError} when a parameter is missing or malformed; nothing is sent.
 */
export function buildPath(operation: OperationRoute, params: Readonly<Record<string, string>> = {}): string {
  const problems: { path: string; message: string }[] = [];
  const path = operation.path.replace(PARAM_PATTERN, (_, name: string) => {
    const value = params[name];
    const format = operation.params[name];
    if (typeof value !== "string" || !format?.pattern.test(value)) {
      problems.push({ path: name, message: `must be ${format?.description ?? "a string id"}` });
      return "";
    }
    return encodeURIComponent(value);
  });
  if (problems.length > 0) throw new RequestValidationError(operation.id, problems);
  return path;
}

/** Serializes a validated query object: arrays become repeated parameters, `undefined` is left out. */
export function toSearchParams(query: Readonly<Record<string, unknown>> | undefined): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  return params;
}

/** The query parameter names an operation defines (the keys of its strict query schema, listed in its route). */
export function queryKeysOf(operation: OperationRoute): ReadonlySet<string> {
  return new Set(operation.queryKeys);
}

/** The result of matching a request against the table (or against routes without schemas). */
export type RouteMatch<Route extends OperationRoute = OperationSpec> =
  | { readonly kind: "operation"; readonly operation: Route; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: "method-not-allowed"; readonly allow: readonly HttpMethod[] }
  | { readonly kind: "not-found" };

interface CompiledRoute<Route extends OperationRoute> {
  readonly operation: Route;
  readonly segments: readonly { readonly literal?: string; readonly param?: string }[];
}

/** A matcher of `(method, path)` against a set of operations; paths are relative to the base path. */
export interface Router<Route extends OperationRoute = OperationSpec> {
  /** Finds the operation for a method and a path such as `"/instances/0123…"`. */
  match(method: string, path: string): RouteMatch<Route>;
}

/**
 * Compiles operations into a router. A path parameter matches only when its value fits the
 * operation's pattern; a known path with another method answers `method-not-allowed`.
 */
export function createRouter<Route extends OperationRoute>(operationsToRoute: readonly Route[]): Router<Route> {
  const routes: CompiledRoute<Route>[] = operationsToRoute.map((operation) => ({
    operation,
    segments: operation.path
      .split("/")
      .slice(1)
      .map((segment) => {
        const param = /^\{([a-z_]+)\}$/.exec(segment)?.[1];
        return param ? { param } : { literal: segment };
      }),
  }));

  return {
    match(method, path) {
      const parts = path.split("/").slice(1);
      const allow: HttpMethod[] = [];
      for (const route of routes) {
        const params = matchSegments(route, parts);
        if (!params) continue;
        if (route.operation.method === method.toUpperCase())
          return { kind: "operation", operation: route.operation, params };
        allow.push(route.operation.method);
      }
      return allow.length > 0 ? { kind: "method-not-allowed", allow } : { kind: "not-found" };
    },
  };
}

function matchSegments(
  route: CompiledRoute<OperationRoute>,
  parts: readonly string[],
): Record<string, string> | undefined {
  if (parts.length !== route.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of route.segments.entries()) {
    const part = parts[index] as string;
    if (segment.param) {
      if (!route.operation.params[segment.param]?.pattern.test(part)) return undefined;
      params[segment.param] = part;
    } else if (segment.literal !== part) {
      return undefined;
    }
  }
  return params;
}
