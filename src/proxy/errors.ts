/**
 * The proxy's own answers when it does not forward a request. They use the API's error
 * envelope `{ error: { code, message, suggestion, request_id } }`, so a `LambdaCloudClient`
 * pointed at the proxy turns them into its typed errors.
 */
import { addProxyHeaders } from "./headers.js";

/** The codes of the errors the proxy answers itself; branch on these, not on messages. */
export type ProxyErrorCode =
  | "proxy/route-not-allowed"
  | "proxy/method-not-allowed"
  | "proxy/unauthorized"
  | "proxy/rate-limited"
  | "proxy/body-too-large"
  | "proxy/invalid-body"
  | "proxy/upstream-unreachable"
  | "proxy/upstream-too-large"
  | "proxy/upstream-invalid"
  | "proxy/host-not-allowed"
  | "proxy/bad-request"
  | "proxy/key-unavailable"
  | "proxy/gateway-busy"
  | "proxy/gateway-unavailable"
  | "proxy/idempotency-in-progress"
  | "proxy/idempotency-key-reused"
  | "proxy/launch-outcome-unknown"
  | "proxy/invalid-idempotency-key"
  | "proxy/watch-not-found"
  | "proxy/watch-conflict"
  | "proxy/internal-error";

/**
 * A request the proxy refuses. Thrown by the steps of the pipeline and turned into a
 * response by {@link rejectionResponse}. `detail` goes to the log only, never to the client.
 */
export class ProxyRejection {
  constructor(
    readonly status: number,
    readonly code: ProxyErrorCode,
    readonly message: string,
    readonly suggestion: string,
    readonly options: { readonly headers?: Readonly<Record<string, string>>; readonly detail?: string } = {},
  ) {}
}

/**
 * The answer to a request refused by a server adapter before any proxy saw it (a foreign Host,
 * a request fetch cannot represent): the same envelope and headers as the proxy's own refusals.
 */
export function adapterRejectionResponse(rejection: ProxyRejection): Response {
  const requestId = crypto.randomUUID();
  const response = rejectionResponse(rejection, requestId);
  addProxyHeaders(response.headers, requestId);
  return response;
}

/** The JSON error response for a rejection, carrying the proxy's request id. */
export function rejectionResponse(rejection: ProxyRejection, requestId: string): Response {
  const { status, code, message, suggestion, options } = rejection;
  const body = JSON.stringify({ error: { code, message, suggestion, request_id: requestId } });
  const headers = new Headers(options.headers);
  headers.set("content-type", "application/json");
  return new Response(body, { status, headers });
}
