/**
 * The gateway's contract: what `createLambdaProxy` hands a gateway once a request has passed
 * its checks (route, authorization, CORS, body limit), and what it gets back. One gateway
 * serves one key. Two implementations share this contract: in memory (one process: Node, Deno,
 * Bun, tests) and a Durable Object (one object per key on Cloudflare, named by a hash of the
 * key). The wire protocol between a front Worker and the object, and the HTTP paths viewers
 * use (the audit trail and the live feed), are fixed here too, so both sides read one source.
 */
import type { OperationRoute } from "../../operations.js";

/** Who is asking, and how urgently: viewers' explicit reads and all writes go first. */
export type GatewayPriority = "interactive" | "background";

/** One request that the proxy has already checked, as the gateway receives it. */
export interface GatewayRequest {
  /** The operation, from the operations table. */
  readonly operation: OperationRoute;
  /** The upstream path with its query, under the API's base URL, e.g. `"/instances"`. */
  readonly path: string;
  /** The JSON body for operations that take one, already read within the body limit. */
  readonly body: Uint8Array | undefined;
  /** The caller's id from the authorizer, for the audit trail; `undefined` when anonymous. */
  readonly caller: string | undefined;
  /** `"background"` when the request carries {@link REFRESH_HEADER}`: background`. */
  readonly priority: GatewayPriority;
  /** The request's `Idempotency-Key` header, for writes. */
  readonly idempotencyKey: string | undefined;
  /** The proxy's id for the request, put in the error bodies the gateway answers itself. */
  readonly requestId?: string | undefined;
}

/**
 * A gateway as the proxy sees it: answers a checked request with the upstream's answer (fresh,
 * cached, coalesced or stale) before the proxy's per-request filtering (key scrubbing, header
 * allowlist, CORS) is applied to it.
 */
export interface Gateway {
  /** Performs or answers one API request with the given key. */
  handle(request: GatewayRequest, key: string, signal?: AbortSignal): Promise<Response>;
  /** Answers `GET {@link AUDIT_PATH}` (already authorized like a write): one page of the audit trail. */
  audit(query: URLSearchParams, key: string): Promise<Response>;
  /** Answers `GET {@link LIVE_INSTANCES_PATH}`: a `text/event-stream` of instance-list changes. */
  live(key: string, signal?: AbortSignal): Promise<Response>;
  /**
   * Answers the capacity watches' paths under {@link WATCHES_PATH} (already authorized: listing
   * as a read, starting and cancelling as writes). Absent on a gateway without watches.
   */
  watches?(call: WatchCall, key: string): Promise<Response>;
}

/** A request to the capacity watches, as the proxy hands it on. */
export interface WatchCall {
  /** `GET` (list, or one watch), `POST` (start) or `DELETE` (cancel). */
  readonly method: string;
  /** The watch's id, from `/api/watches/{id}`; `undefined` for `/api/watches`. */
  readonly id: string | undefined;
  /** The JSON body of a start, already read within the body limit. */
  readonly body: Uint8Array | undefined;
  /** The caller's id from the authorizer, recorded as who started the watch. */
  readonly caller: string | undefined;
  /** The request's `Idempotency-Key`: a start repeated with it gets the watch it started. */
  readonly idempotencyKey?: string | undefined;
}

/** Request header by which a viewer marks a refresh nobody is waiting for. */
export const REFRESH_HEADER = "x-lambda-refresh";
/** Request header carrying a write's idempotency key (a fresh one per user action). */
export const IDEMPOTENCY_HEADER = "idempotency-key";
/** Response header on a write answered from the idempotency record instead of re-performed. */
export const IDEMPOTENT_REPLAY_HEADER = "idempotent-replayed";
/** Response header saying how a read was answered, after RFC 9211, e.g. `lambda-gateway; hit; ttl=-3`. */
export const CACHE_STATUS_HEADER = "cache-status";

/** The proxy path of the audit trail: `GET /api/audit?limit=50&cursor=…`, `{ data, next_cursor }`. */
export const AUDIT_PATH = "/api/audit";
/** The proxy path of the live instance list: server-sent events named `instances`. */
export const LIVE_INSTANCES_PATH = "/api/live/instances";

/**
 * The proxy path of the capacity watches: `GET /api/watches` lists them (`{ data }`, newest
 * first), `POST` starts one, `GET /api/watches/{id}` reads one and `DELETE /api/watches/{id}` cancels it.
 */
export const WATCHES_PATH = "/api/watches";

/** One record of the audit trail: a write through the gateway. Never holds the key or `user_data`. */
export interface AuditRecord {
  /** When the write was answered, ISO 8601. */
  readonly time: string;
  /** The caller's id from the authorizer, or `"anonymous"`. */
  readonly caller: string;
  /** The operation id, e.g. `"launchInstance"`. */
  readonly operation: string;
  /** The ids the write named or created (instance, SSH key, filesystem, ruleset, ticket ids). */
  readonly ids: readonly string[];
  /** The HTTP status answered, or `null` when the outcome is unknown. */
  readonly status: number | null;
  /** `"ok"`, the API's error code, or `"outcome-unknown"`. */
  readonly outcome: string;
  /** The write's idempotency key, when it had one. */
  readonly idempotencyKey: string | null;
}

/** The body of `GET {@link AUDIT_PATH}`. */
export interface AuditPage {
  /** The page's records, newest first. */
  readonly data: readonly AuditRecord[];
  /** Pass as `cursor` for the next (older) page; `null` on the last. */
  readonly next_cursor: string | null;
}

/** The `data` of each `instances` event of the live feed. */
export interface LiveInstancesEvent {
  /** The instance list, as `GET /instances` answers it in `data`. */
  readonly data: readonly unknown[];
  /** How old the list was when sent, in milliseconds. */
  readonly age_ms: number;
}
