/**
 * Rejects request targets that try to escape the routes before any routing happens:
 * traversal (`..`, encoded dots and slashes), smuggling (`//`, backslashes, absolute-form
 * targets) and anything else no route of the API could contain.
 *
 * Runtimes parse `request.url` before the handler sees it (dot segments are resolved and
 * backslashes become slashes), so a server adapter that sees the raw target (see
 * `toNodeListener`) registers it with {@link rememberRawTarget} and the guard checks that.
 */
import { ProxyRejection } from "./errors.js";

const rawTargets = new WeakMap<Request, string>();

/** Records the request target exactly as it arrived on the wire, for {@link checkRequestTarget}. */
export function rememberRawTarget(request: Request, target: string): void {
  rawTargets.set(request, target);
}

/**
 * The target to check: the raw one when an adapter recorded it, else what follows the origin in
 * `request.url` as the runtime wrote it, before any parsing (Deno keeps the wire's dot segments
 * there; Bun and workerd have already resolved them).
 */
export function requestTargetOf(request: Request): string {
  const recorded = rawTargets.get(request);
  if (recorded !== undefined) return recorded;
  return request.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "") || "/";
}

const HOSTILE_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/^[^/]/, "an absolute-form or asterisk-form request target"],
  [/\\/, "a backslash"],
  [/%(2e|2f|5c)/i, "an encoded dot, slash or backslash"],
  [/%/, "a percent-encoded character"],
  [/\.\.|(^|\/)\.(\/|$)/, "a dot segment or '..'"],
  [/\/\//, "an empty path segment (//)"],
  [/[^\x21-\x7e]/, "whitespace, a control character or a non-ASCII character"],
];

/**
 * Throws a 400 `proxy/route-not-allowed` rejection when the path of a request target holds
 * anything the API's routes never contain. The query is checked later, against the operation.
 */
export function checkRequestTarget(target: string): void {
  const queryStart = target.indexOf("?");
  const path = queryStart === -1 ? target : target.slice(0, queryStart);
  for (const [pattern, what] of HOSTILE_PATTERNS) {
    if (pattern.test(path)) {
      throw new ProxyRejection(
        400,
        "proxy/route-not-allowed",
        "The request path is not allowed: it contains traversal or smuggling characters.",
        "Request the API's paths exactly, without encoded characters, dot segments or doubled slashes.",
        { detail: `request target rejected: ${what}` },
      );
    }
  }
}
