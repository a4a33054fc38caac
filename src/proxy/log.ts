/**
 * One structured record per request: what was asked, what was answered, how long it took.
 * Records never hold the key, the browser's credentials, bodies or header values.
 */
import { redactValue } from "../transport/redact.js";

/** What the proxy logs about one request. */
export interface ProxyLogRecord {
  /** When the request arrived, ISO 8601. */
  readonly time: string;
  /** The proxy's id for the request, also sent as `x-proxy-request-id` and in error bodies. */
  readonly requestId: string;
  /** The request's HTTP method. */
  readonly method: string;
  /** The operation the request matched, e.g. `"listInstances"`; `null` when none matched. */
  readonly operation: string | null;
  /** The status answered to the client. */
  readonly status: number;
  /** Milliseconds from arrival until the response headers were ready. */
  readonly durationMs: number;
  /** The proxy's error code when it answered itself, e.g. `"proxy/rate-limited"`; `null` otherwise. */
  readonly code: string | null;
  /** Why the proxy answered itself, for operators (never sent to the client). */
  readonly detail?: string | undefined;
}

/**
 * Where records go: `undefined` prints one JSON line per request with `console.log`,
 * `false` drops them, a function receives each record.
 */
export type LogOption = false | ((record: ProxyLogRecord) => void) | undefined;

/** Builds the function that emits a record, with every secret form removed from it. */
export function createLogger(option: LogOption): (record: ProxyLogRecord, secrets: readonly string[]) => void {
  if (option === false) return () => undefined;
  if (option !== undefined && typeof option !== "function") {
    throw new TypeError(
      "log must be false (no logs), a function receiving each record, or left out for JSON lines on the console.",
    );
  }
  const sink = option ?? ((record: ProxyLogRecord) => console.log(JSON.stringify(record)));
  return (record, secrets) => {
    try {
      sink(redactValue(record, secrets) as ProxyLogRecord);
    } catch {
      // A failing log sink must not fail the request it reports on.
    }
  };
}
