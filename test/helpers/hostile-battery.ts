/**
 * The client's hostile-upstream battery: every error class the client throws on an upstream's
 * answer, provoked against the hostile upstream (test/helpers/hostile-upstream.ts), and every
 * printable form of each error searched for the key. Runtime-neutral: the Node suite runs it
 * with the sources, test/runtimes/hostile-cli.ts with the built package in Deno and Bun, and
 * test/workers/hostile/ inside workerd.
 */
import { inspect } from "node:util";
import type { LambdaCloudClient, LambdaCloudClientOptions } from "../../src/index.js";
import { type Channel, ENCODINGS, type Encoding, hostileBaseUrl, keyFormsOf } from "./hostile-scenarios.js";

/** What one case found; never the key itself. */
export interface CaseResult {
  readonly name: string;
  /** The error class expected, e.g. `"InternalServerError"`. */
  readonly expected: string;
  /** The `name` of what was thrown, or `"(resolved)"`. */
  readonly got: string;
  /** Where a form of the key was found (`"inspect: form 0"`...); empty when nowhere. */
  readonly leaks: readonly string[];
}

/** What the battery needs: the client class under test, and where the upstream is. */
export interface BatteryTarget {
  readonly Client: new (options: LambdaCloudClientOptions) => LambdaCloudClient;
  /** The hostile upstream's origin, `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** The key the upstream echoes; the client sends it too. */
  readonly key: string;
  /**
   * A base URL on which nothing listens, for the not-sent case. Without it the cases that need
   * the runtime's own socket (closed port, broken HTTP) are left out: for a runtime that reaches
   * the upstream through a relay (workerd under miniflare), which answers 500 for both.
   */
  readonly closedBaseUrl?: string | undefined;
}

type Call = (client: LambdaCloudClient) => Promise<unknown>;

interface Case {
  readonly name: string;
  readonly expected: string;
  readonly channel: Channel | "closed-port";
  readonly status?: number;
  readonly encoding?: Encoding;
  readonly call: Call;
}

const LAUNCH = { region_name: "us-west-1", instance_type_name: "gpu_1x_a10", ssh_key_names: ["laptop"] as [string] };
const list: Call = (client) => client.instances.list();
const launch: Call = (client) => client.instances.launch(LAUNCH, { reconcileMs: 0 });
const waitFor: Call = (client) => client.instances.waitFor("0920582c7ff041399e34823a0be62549", { timeoutMs: 0 });

/** Channels whose key sits in the body, sent in every encoding. */
const BODY_CHANNELS: readonly Channel[] = [
  "text-body",
  "html-body",
  "malformed-json",
  "json-value",
  "json-key",
  "json-nested",
  "error-envelope",
];
/** Channels whose key sits in the status line or headers. */
const HEAD_CHANNELS: readonly Channel[] = ["reason-phrase", "header-value", "header-name"];
const CLASS_BY_STATUS: Readonly<Record<number, string>> = {
  400: "BadRequestError",
  401: "AuthenticationError",
  403: "PermissionDeniedError",
  404: "NotFoundError",
  409: "ConflictError",
  418: "APIError",
  429: "RateLimitError",
  500: "InternalServerError",
  503: "InternalServerError",
};

/** Every case of the battery; those of connection failures (closed port, broken HTTP) only `withConnectionFailures`. */
export function batteryCases(withConnectionFailures = true): Case[] {
  const cases: Case[] = [];
  for (const channel of [...HEAD_CHANNELS, ...BODY_CHANNELS]) {
    const encodings = BODY_CHANNELS.includes(channel) ? ENCODINGS : (["identity"] as const);
    for (const encoding of encodings) {
      cases.push({
        name: `500 ${channel} ${encoding}, list`,
        expected: "InternalServerError",
        channel,
        encoding,
        call: list,
      });
      cases.push({
        name: `500 ${channel} ${encoding}, launch`,
        expected: "LaunchOutcomeUnknownError",
        channel,
        encoding,
        call: launch,
      });
    }
  }
  for (const channel of ["error-envelope", "header-value", "reason-phrase"] as const) {
    for (const [status, expected] of Object.entries(CLASS_BY_STATUS)) {
      cases.push({ name: `${status} ${channel}, list`, expected, channel, status: Number(status), call: list });
    }
  }
  for (const channel of BODY_CHANNELS.filter((bodyChannel) => bodyChannel !== "error-envelope")) {
    for (const encoding of ENCODINGS) {
      cases.push({
        name: `200 ${channel} ${encoding}, list`,
        expected: "ResponseValidationError",
        channel,
        status: 200,
        encoding,
        call: list,
      });
    }
  }
  for (const status of [301, 302, 303, 307, 308]) {
    cases.push({
      name: `${status} redirect, list`,
      expected: "RedirectError",
      channel: "redirect",
      status,
      call: list,
    });
    cases.push({
      name: `${status} redirect, launch`,
      expected: "RedirectError",
      channel: "redirect",
      status,
      call: launch,
    });
  }
  cases.push({
    name: "200 instance with the key as status, waitFor",
    expected: "WaitForStatusError",
    channel: "json-instance",
    status: 200,
    call: waitFor,
  });
  if (withConnectionFailures) {
    cases.push({ name: "broken HTTP, list", expected: "APIConnectionError", channel: "broken-http", call: list });
    cases.push({
      name: "broken HTTP, launch",
      expected: "LaunchOutcomeUnknownError",
      channel: "broken-http",
      call: launch,
    });
    cases.push({ name: "closed port, launch", expected: "RequestNotSentError", channel: "closed-port", call: launch });
  }
  return cases;
}

/** Runs every case; the caller asserts that each got what it expected and leaked nothing. */
export async function runBattery(target: BatteryTarget): Promise<CaseResult[]> {
  const forms = keyFormsOf(target.key);
  const results: CaseResult[] = [];
  for (const testCase of batteryCases(target.closedBaseUrl !== undefined)) {
    const baseUrl =
      testCase.channel === "closed-port"
        ? (target.closedBaseUrl as string)
        : hostileBaseUrl(target.origin, {
            channel: testCase.channel,
            status: testCase.status,
            encoding: testCase.encoding,
          });
    const client = new target.Client({ apiKey: target.key, baseUrl, maxRetries: 0, rateLimit: false });
    const outcome = await testCase.call(client).then(
      () => undefined,
      (error: unknown) => error,
    );
    results.push({
      name: testCase.name,
      expected: testCase.expected,
      got: outcome === undefined ? "(resolved)" : outcome instanceof Error ? outcome.name : typeof outcome,
      leaks: findLeaks(outcome, forms),
    });
  }
  return results;
}

/** Every way an error is printed or read: message, stack, each field, the cause chain, JSON, inspect. */
export function printedForms(error: unknown): Record<string, string> {
  const printed: Record<string, string> = {
    string: String(error),
    json: JSON.stringify(error) ?? "",
    inspect: inspect(error, { depth: Infinity, showHidden: true }),
  };
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 10; depth++, current = current.cause) {
    const fields = current as unknown as Record<string, unknown>;
    printed[`cause ${depth} message`] = current.message;
    printed[`cause ${depth} stack`] = current.stack ?? "";
    for (const field of Object.getOwnPropertyNames(current)) {
      const value = fields[field];
      printed[`cause ${depth} ${field}`] =
        value instanceof Headers ? JSON.stringify([...value]) : (safeStringify(value) ?? String(value));
    }
    const toJSON = (current as { toJSON?: () => unknown }).toJSON;
    if (typeof toJSON === "function") printed[`cause ${depth} toJSON`] = JSON.stringify(toJSON.call(current));
  }
  return printed;
}

function findLeaks(error: unknown, forms: readonly string[]): string[] {
  return Object.entries(printedForms(error)).flatMap(([where, text]) =>
    forms.flatMap((form, index) => (text.includes(form) ? [`${where}: form ${index}`] : [])),
  );
}

function safeStringify(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
