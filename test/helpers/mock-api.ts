/**
 * A recording stand-in for the network: every request the client sends is captured, and a
 * handler decides the answer. Used by the unit tests that check exact request shapes.
 */
import { LambdaCloudClient, type LambdaCloudClientOptions } from "../../src/index.js";

/** What the client sent, decoded for assertions (JSON bodies parsed, other bodies as text). */
export interface RecordedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: unknown;
}

/** Answers a recorded request: a Response, or an error to reject the fetch with. */
export type MockHandler = (request: RecordedRequest, attempt: number) => Response | Error | Promise<Response | Error>;

/** A mock API: a fetch for the client and the list of requests it received. */
export interface MockApi {
  readonly fetch: typeof globalThis.fetch;
  readonly requests: RecordedRequest[];
}

/** Creates a mock API answering with `handler`. */
export function createMockApi(handler: MockHandler): MockApi {
  const requests: RecordedRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const text = await request.text();
    const recorded: RecordedRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: parseBody(text, request.headers.get("content-type")),
    };
    requests.push(recorded);
    const answer = await handler(recorded, requests.length);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch, requests };
}

function parseBody(text: string, contentType: string | null): unknown {
  if (!text) return undefined;
  return contentType?.includes("json") ? JSON.parse(text) : text;
}

/** A JSON response in the API's success envelope. */
export function ok(data: unknown, status = 200): Response {
  return Response.json({ data }, { status });
}

/** A JSON response in the API's error envelope. */
export function apiError(
  status: number,
  code: string,
  message = "Something went wrong.",
  extra: Record<string, unknown> = {},
): Response {
  return Response.json({ error: { code, message, ...extra } }, { status });
}

/** A random key that tests search every output for. */
export function sentinelKey(): string {
  return `secret_sentinel_${crypto.randomUUID().replaceAll("-", "")}`;
}

/** A client wired to a mock API, with the rate limiter off unless the test asks for it. */
export function clientFor(api: MockApi, options: LambdaCloudClientOptions = {}): LambdaCloudClient {
  return new LambdaCloudClient({
    apiKey: "test-key",
    baseUrl: "https://api.test/api/v1",
    rateLimit: false,
    fetch: api.fetch,
    ...options,
  });
}
