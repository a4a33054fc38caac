/**
 * Shared by the proxy suites: a proxy wired to a recording fake upstream, with its log
 * records captured, and valid sample paths for every operation.
 */
import { expect } from "vitest";
import { inMemoryKey } from "../../src/auth/providers/in-memory.js";
import type { OperationRoute } from "../../src/operations.js";
import {
  createLambdaProxy,
  type LambdaProxyOptions,
  type ProxyHandler,
  type ProxyLogRecord,
} from "../../src/proxy/index.js";
import { createMockApi, type MockApi, type MockHandler, ok } from "../helpers/mock-api.js";
import { ATTACHMENT_ID, INSTANCE_ID } from "../helpers/payloads.js";

/** Where the tests send requests: the proxy's own origin. */
export const PROXY_ORIGIN = "http://proxy.test";
/** The upstream the tests configure. */
export const UPSTREAM = "https://upstream.test/api/v1";

/** A fresh random key; every output is searched for it. */
export const sentinel = (): string => `lc-sentinel-${crypto.randomUUID()}`;

/** A proxy under test, the upstream behind it and what it logged. */
export interface ProxyUnderTest {
  readonly handle: ProxyHandler;
  readonly upstream: MockApi;
  readonly logs: ProxyLogRecord[];
  readonly key: string;
  /** Sends `init` to `path` (relative to the proxy's origin) through the handler. */
  call(path: string, init?: RequestInit, env?: unknown): Promise<Response>;
}

/** Builds a proxy with a sentinel key in front of a mock upstream (default: `{ data: "ok" }` for everything). */
export function proxyUnderTest(
  options: Partial<LambdaProxyOptions> = {},
  answer: MockHandler = () => ok("ok"),
): ProxyUnderTest {
  const key = sentinel();
  const upstream = createMockApi(answer);
  const logs: ProxyLogRecord[] = [];
  const handle = createLambdaProxy({
    apiKey: inMemoryKey(key, { name: "test-key" }),
    upstream: UPSTREAM,
    fetch: upstream.fetch,
    log: (record) => logs.push(record),
    ...options,
  });
  return {
    handle,
    upstream,
    logs,
    key,
    call: (path, init, env) => handle(new Request(`${PROXY_ORIGIN}${path}`, init), env),
  };
}

/** An authorizer that lets everything through. */
export const allowAll = async (): Promise<boolean> => true;

/** The operation's path with valid ids filled in, relative to the base path. */
export function samplePath(route: OperationRoute): string {
  return route.path.replace(/\{([a-z_]+)\}/g, (_, name: string) =>
    name === "attachment_id" ? ATTACHMENT_ID : INSTANCE_ID,
  );
}

/** A body for operations that take one. */
export function sampleInit(route: OperationRoute): RequestInit {
  return route.hasBody
    ? { method: route.method, body: JSON.stringify({ name: "x" }), headers: { "content-type": "application/json" } }
    : { method: route.method };
}

/** The parsed error envelope of a proxy answer. */
export async function errorOf(
  response: Response,
): Promise<{ code: string; message: string; suggestion: string; request_id: string }> {
  const body = (await response.json()) as {
    error: { code: string; message: string; suggestion: string; request_id: string };
  };
  return body.error;
}

/** A body the test feeds by hand: `push` sends a chunk, `finish` ends it. */
export function controllableBody(): { body: ReadableStream<Uint8Array>; push(text: string): void; finish(): void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return { body, push: (text) => controller.enqueue(new TextEncoder().encode(text)), finish: () => controller.close() };
}

/**
 * Feeds `body` in two parts and asserts that the first part reaches the reader of `response`
 * before the second is sent, then that the rest arrives.
 */
export async function expectStreamedThrough(
  response: Response,
  body: ReturnType<typeof controllableBody>,
  padding: number,
): Promise<void> {
  const reader = response.body!.getReader();
  body.push(`{"data":[${" ".repeat(padding)}`);
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toMatch(/^\{"data":\[/);
  body.push("]}");
  body.finish();
  let rest = "";
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
    rest += new TextDecoder().decode(chunk.value);
  expect(rest.endsWith("]}")).toBe(true);
}
