/**
 * Injected failures, matched by method and path and used up after `times` matches (only by
 * requests that reach the operation: after authentication and the rate limit):
 * error statuses, broken bodies, delays, dropped connections, provider errors, and
 * `after-commit`, which applies the operation and then drops the connection.
 */
import * as v from "valibot";
import { ErrorCodes } from "../error-codes.js";
import { operations } from "../operation-schemas.js";
import { validate } from "../validation.js";
import { jsonResponse } from "./envelope.js";

/** What a fault does. */
export const FAULT_KINDS = [
  "status",
  "malformed-json",
  "html",
  "empty",
  "delay",
  "reset",
  "provider-error",
  "after-commit",
] as const;
/** What a fault does. */
export type FaultKind = (typeof FAULT_KINDS)[number];

const statusSchema = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(100, "must be an HTTP status (100-599)"),
  v.maxValue(599, "must be an HTTP status (100-599)"),
);

/** The schema of {@link FaultSpec}, shared by `sim.faults.add` and the bin's admin API. */
export const FaultSpecSchema = v.strictObject({
  kind: v.picklist(FAULT_KINDS, `must be one of ${FAULT_KINDS.join(", ")}`),
  method: v.optional(
    v.pipe(
      v.string(),
      v.toUpperCase(),
      v.picklist(["GET", "POST", "PUT", "PATCH", "DELETE"], "must be GET, POST, PUT, PATCH or DELETE"),
    ),
  ),
  path: v.optional(
    v.pipe(
      v.string(),
      v.startsWith("/", `must start with "/", like the template "${operations.getInstance.path}" or a concrete path`),
    ),
  ),
  times: v.optional(
    v.union(
      [v.pipe(v.number(), v.integer(), v.minValue(1)), v.literal(Infinity)],
      "must be a whole number ≥ 1, or Infinity",
    ),
  ),
  status: v.optional(statusSchema),
  code: v.optional(v.string()),
  message: v.optional(v.string()),
  body: v.optional(v.unknown()),
  headers: v.optional(v.record(v.string(), v.string())),
  ms: v.optional(v.pipe(v.number(), v.minValue(0, "must be ≥ 0"))),
});

/**
 * A fault to inject.
 * @example
 * ```ts
 * import { operations } from "lambda-cloud";
 * sim.faults.add({ kind: "status", status: 503, method: "GET", path: operations.getInstance.path, times: 2 });
 * sim.faults.add({ kind: "after-commit", path: operations.launchInstance.path });
 * ```
 */
export interface FaultSpec {
  /**
   * `status`: answer `status` (default 503) with an API error (`code`, `message`) or a custom
   * JSON `body`; `malformed-json` (default 200), `html` (default 502), `empty` (default 200):
   * broken bodies; `delay`: wait `ms` then answer normally; `reset`: drop the connection (the
   * fetch rejects); `provider-error`: a `provider/*` code (default `provider/internal-unavailable`,
   * status 503); `after-commit`: apply the operation, then drop the connection.
   */
  readonly kind: FaultKind;
  /** Only requests with this method. @default any method */
  readonly method?: string | undefined;
  /**
   * Only this path: a template of the operations table (e.g. `operations.getInstance.path`) or a
   * concrete path with real ids, with or without the base path. @default any path
   */
  readonly path?: string | undefined;
  /** How many matching requests it affects. @default 1 */
  readonly times?: number | undefined;
  /** HTTP status for `status`, `malformed-json`, `html`, `empty` and `provider-error`. */
  readonly status?: number | undefined;
  /** Error code for `status` and `provider-error`. @default "global/internal-error" or "provider/internal-unavailable" */
  readonly code?: string | undefined;
  /** Error message for `status` and `provider-error`. */
  readonly message?: string | undefined;
  /** A custom JSON body for `status`, sent instead of the error envelope. */
  readonly body?: unknown;
  /** Extra response headers, e.g. `{ "retry-after": "1" }`. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Milliseconds to wait, for `delay`. @default 1000 */
  readonly ms?: number | undefined;
}

/** A fault still waiting to fire, with how many times it has left. */
export interface PendingFault extends FaultSpec {
  /** How many more matching requests it fails. */
  readonly remaining: number;
}

/** `sim.faults`: add and clear injected failures. */
export interface Faults {
  /** Adds a fault; faults fire in the order they were added. @throws {TypeError} naming what is wrong with the spec. */
  add(spec: FaultSpec): void;
  /** Removes every fault. */
  clear(): void;
  /** The faults that have not been used up yet. */
  list(): PendingFault[];
}

/** What the dispatcher does about the fault that matched a request. */
export type FaultAction =
  | { readonly kind: "respond"; readonly response: Response }
  | { readonly kind: "delay"; readonly ms: number }
  | { readonly kind: "reset" | "after-commit" };

/** The request a fault is matched against. */
export interface FaultTarget {
  readonly method: string;
  /** The path relative to the base path. */
  readonly path: string;
  /** The operation's path template, when the path is an operation. */
  readonly template: string | undefined;
}

/** The fault registry, with the matching the dispatcher uses. */
export interface FaultRegistry extends Faults {
  /** Uses up one firing of the first matching fault, and says what to do. */
  take(target: FaultTarget, requestId: string): FaultAction | undefined;
}

/** Creates an empty registry; `basePath` is stripped from fault paths that include it. */
export function createFaults(basePath: string): FaultRegistry {
  let pending: { spec: v.InferOutput<typeof FaultSpecSchema>; remaining: number }[] = [];
  return {
    add(spec) {
      const result = validate(FaultSpecSchema, spec);
      if (!result.ok)
        throw new TypeError(
          `Invalid fault: ${result.problems.map((p) => `${p.path || "spec"} ${p.message}`).join("; ")}.`,
        );
      const path = result.value.path?.startsWith(`${basePath}/`)
        ? result.value.path.slice(basePath.length)
        : result.value.path;
      pending.push({ spec: { ...result.value, path }, remaining: result.value.times ?? 1 });
    },
    clear() {
      pending = [];
    },
    list: () => pending.map(({ spec, remaining }) => ({ ...spec, remaining })),
    take(target, requestId) {
      const match = pending.find(({ spec }) => {
        const methodMatches = spec.method === undefined || spec.method === target.method.toUpperCase();
        const pathMatches = spec.path === undefined || spec.path === target.path || spec.path === target.template;
        return methodMatches && pathMatches;
      });
      if (!match) return undefined;
      match.remaining -= 1;
      if (match.remaining <= 0) pending = pending.filter((entry) => entry !== match);
      return actionOf(match.spec, requestId);
    },
  };
}

function actionOf(spec: v.InferOutput<typeof FaultSpecSchema>, requestId: string): FaultAction {
  const headers = spec.headers ?? {};
  const respond = (response: Response): FaultAction => ({ kind: "respond", response });
  const envelope = (status: number, code: string, message: string) =>
    jsonResponse(
      { error: { code, message, suggestion: "Try again shortly.", request_id: requestId } },
      status,
      headers,
    );
  switch (spec.kind) {
    case "delay":
      return { kind: "delay", ms: spec.ms ?? 1_000 };
    case "reset":
    case "after-commit":
      return { kind: spec.kind };
    case "status": {
      const status = spec.status ?? 503;
      if (spec.body !== undefined) return respond(jsonResponse(spec.body, status, headers));
      return respond(
        envelope(
          status,
          spec.code ?? ErrorCodes.internalError,
          spec.message ?? "Something unexpected occurred (injected fault).",
        ),
      );
    }
    case "provider-error":
      return respond(
        envelope(
          spec.status ?? 503,
          spec.code ?? "provider/internal-unavailable",
          spec.message ?? "The upstream provider is unavailable (injected fault).",
        ),
      );
    case "malformed-json":
      return respond(
        new Response('{"data": [', {
          status: spec.status ?? 200,
          headers: { "content-type": "application/json", ...headers },
        }),
      );
    case "html":
      return respond(
        new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", {
          status: spec.status ?? 502,
          headers: { "content-type": "text/html", ...headers },
        }),
      );
    case "empty":
      return respond(new Response(null, { status: spec.status ?? 200, headers }));
  }
}
