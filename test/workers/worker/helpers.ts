// Shared by the sample Worker's workerd tests: calling the Worker as deployed (exports.default,
// with the bindings of vitest.config.ts) or with a changed env, and reading what the fake
// upstream received.
import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { Env } from "../../../examples/worker/src/env";
import worker from "../../../examples/worker/src/index";

/** The origin the tests call the Worker on. */
export const ORIGIN = "https://dashboard.example.com";

/** A request to the Worker with the test bindings, as a browser or script would send it. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}

/** A fetch that sends to the Worker, for a client whose baseUrl is `${ORIGIN}/api/v1`. */
export const workerFetch: typeof fetch = (input, init) => exports.default.fetch(new Request(input, init));

/** The test bindings with some replaced; each call makes a new env, so the Worker configures itself afresh. */
export function envWith(overrides: Partial<Record<keyof Env, unknown>>): Env {
  return { ...env, ...overrides } as Env;
}

/** A request to the Worker's fetch handler with another env. */
export function callWithEnv(variant: Env, path: string, init?: RequestInit): Promise<Response> {
  // As workerd would hand it over; the `cf` object is not used by the Worker.
  const request = new Request(`${ORIGIN}${path}`, init) as Request<unknown, IncomingRequestCfProperties>;
  return worker.fetch(request, variant, createExecutionContext());
}

/** The `Authorization` header carrying the dashboard token. */
export const withToken = (token = env.DASHBOARD_TOKEN): Record<string, string> => ({
  authorization: `Bearer ${token}`,
});

/** A request the fake upstream received. */
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The requests the fake upstream received since the last call, oldest first. */
export async function upstreamReceived(): Promise<Received[]> {
  return (await fetch("https://upstream.test/__received")).json();
}

/** A response's status line, headers and body as one text, to search for secrets. */
export async function everythingIn(response: Response): Promise<string> {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
  return `${response.status}\n${headers}\n\n${await response.text()}`;
}

/** The error code of a response in the API's envelope. */
export async function errorCodeOf(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { error?: { code?: string } };
  return body.error?.code;
}
