/**
 * Finds the operation a request asks for, among those the proxy allows, with the shared
 * router built from the operations table, and checks its query parameters.
 */
import { type OperationRoute, operationRouteList } from "../operations.js";
import { createRouter, queryKeysOf } from "../routing.js";
import { ProxyRejection } from "./errors.js";

/** An allowed operation, its path parameters, and the query string to forward. */
export interface ResolvedRoute {
  readonly operation: OperationRoute;
  readonly params: Readonly<Record<string, string>>;
  /** The request's query parameters, re-encoded; `""` when there are none. */
  readonly search: string;
}

/** Builds the resolver of one proxy: requests under `basePath` map to the `allowed` operations. */
export function createRouteResolver(
  basePath: string,
  allowed: readonly OperationRoute[],
): (method: string, url: URL) => ResolvedRoute {
  const everyRoute = createRouter(operationRouteList);
  const allowedRoutes = createRouter(allowed);
  const allowedIds = new Set(allowed.map((operation) => operation.id));

  return (method, url) => {
    const path = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : undefined;
    if (path === undefined) throw notAllowed(`path outside the base path ${basePath || "/"}`);
    const known = everyRoute.match(method, path);
    if (known.kind === "operation" && !allowedIds.has(known.operation.id)) {
      throw notAllowed(
        `operation ${known.operation.id} is not allowed`,
        `${known.operation.id} is not allowed by this proxy.`,
      );
    }
    const match = allowedRoutes.match(method, path);
    if (match.kind === "method-not-allowed") {
      throw new ProxyRejection(
        405,
        "proxy/method-not-allowed",
        `This path accepts only ${match.allow.join(", ")} through this proxy.`,
        "Use one of the methods in the Allow header.",
        { headers: { allow: match.allow.join(", ") } },
      );
    }
    if (match.kind === "not-found") throw notAllowed("no allowed operation matches");
    return {
      operation: match.operation,
      params: match.params,
      search: checkedSearch(match.operation, url.searchParams),
    };
  };
}

function checkedSearch(operation: OperationRoute, query: URLSearchParams): string {
  const defined = queryKeysOf(operation);
  for (const key of query.keys()) {
    if (defined.has(key)) continue;
    throw new ProxyRejection(
      400,
      "proxy/route-not-allowed",
      defined.size === 0
        ? `${operation.id} takes no query parameters.`
        : `${operation.id} takes only these query parameters: ${[...defined].join(", ")}.`,
      "Remove the query parameters the operation does not define.",
      { detail: "undefined query parameter" },
    );
  }
  return query.toString();
}

function notAllowed(detail: string, message = "No operation this proxy forwards matches the request."): ProxyRejection {
  return new ProxyRejection(
    404,
    "proxy/route-not-allowed",
    message,
    "Check the path and the id format (32-character lowercase hex ids), and the operations the proxy allows.",
    { detail },
  );
}
