// The calling side of the hostile-upstream battery: every channel the hostile upstream
// (test/helpers/hostile-upstream.ts) controls — reason phrase, header names and values, text,
// HTML and malformed bodies, JSON values and keys, error envelopes, redirects, broken HTTP — in
// every body encoding the runtimes decode (identity, gzip, deflate, br), at a success and an error status,
// called through a served proxy over HTTP. It reports every response that carries a form of the
// key (status line, headers or body) and every response that is not what the proxy promises.
import {
  CHANNELS,
  type Channel,
  ENCODINGS,
  type Encoding,
  type HostileUpstream,
  type Scenario,
} from "../../helpers/hostile-upstream.js";
import { BATTERY_UPSTREAM_HEADER } from "./dispatch.js";

/** The paths asked for in each scenario: a list and an instance read. */
const PATHS = ["/api/v1/instances", "/api/v1/instances/0123456789abcdef0123456789abcdef"] as const;

/** Channels whose answer is JSON, so the proxy passes its status with the key scrubbed; the rest become its own 502. */
const JSON_CHANNELS: ReadonlySet<Channel> = new Set([
  "header-value",
  "header-name",
  "json-value",
  "json-key",
  "json-nested",
  "json-instance",
  "error-envelope",
]);
/** Channels whose JSON body holds the key, so "[redacted]" must be in what passes. */
const KEY_IN_BODY: ReadonlySet<Channel> = new Set([
  "json-value",
  "json-key",
  "json-nested",
  "json-instance",
  "error-envelope",
]);

/** Every scenario: each channel at 200 and 500 (redirects at each 3xx), in each encoding. */
export function batteryScenarios(): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const channel of CHANNELS) {
    const statuses = channel === "redirect" ? [301, 302, 303, 307, 308] : [200, 500];
    for (const status of statuses) for (const encoding of ENCODINGS) scenarios.push({ channel, status, encoding });
  }
  return scenarios;
}

/** What the battery found. */
export interface BatteryReport {
  /** Requests sent through the proxy. */
  readonly requests: number;
  /** `"<scenario> <path>: <forms>"` for each response carrying the key. */
  readonly leaks: string[];
  /** Responses that broke the proxy's promise (status, code or scrubbing), described. */
  readonly problems: string[];
}

/**
 * What the proxy must answer to a scenario: the upstream status for JSON the runtime decoded,
 * else its own 502 (a redirect is never followed; anything else is not JSON it can vouch for).
 */
function expected(
  { channel, status, encoding = "identity" }: Scenario,
  undecoded: ReadonlySet<Encoding>,
): { status: number; code?: string } {
  if (channel === "redirect" || channel === "broken-http") return { status: 502, code: "proxy/upstream-unreachable" };
  if (JSON_CHANNELS.has(channel) && !undecoded.has(encoding)) return { status: status ?? 500 };
  return { status: 502, code: "proxy/upstream-invalid" };
}

/**
 * Runs every scenario against the proxy at `origin`, in front of `upstream`.
 * @param undecoded body encodings the runtime's fetch leaves encoded (Deno's: deflate), whose answers the proxy must refuse.
 */
export async function runBattery(
  origin: string,
  upstream: HostileUpstream,
  undecoded: ReadonlySet<Encoding> = new Set(),
): Promise<BatteryReport> {
  const leaks: string[] = [];
  const problems: string[] = [];
  let requests = 0;
  for (const scenario of batteryScenarios()) {
    const label = `${scenario.channel} ${scenario.status} ${scenario.encoding}`;
    for (const path of PATHS) {
      requests += 1;
      const response = await fetch(`${origin}${path}`, {
        headers: { [BATTERY_UPSTREAM_HEADER]: upstream.baseUrl(scenario) },
        redirect: "manual",
      });
      const body = await response.text();
      const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
      const found = upstream.leaks(`${response.status} ${response.statusText}\n${headers}\n\n${body}`);
      if (found.length > 0) leaks.push(`${label} ${path}: ${found.length} form(s) of the key`);
      const want = expected(scenario, undecoded);
      const code = response.headers.get("content-type")?.includes("json")
        ? (safeJson(body) as { error?: { code?: string } })?.error?.code
        : undefined;
      if (response.status !== want.status || (want.code !== undefined && code !== want.code)) {
        problems.push(
          `${label} ${path}: answered ${response.status} ${code ?? ""}, expected ${want.status} ${want.code ?? ""}`,
        );
      }
      if (
        KEY_IN_BODY.has(scenario.channel) &&
        response.status === want.status &&
        want.code === undefined &&
        !body.includes("[redacted]")
      )
        problems.push(`${label} ${path}: the scrubbed body lacks [redacted]`);
    }
  }
  if (upstream.landed().length > 0) problems.push(`the proxy followed ${upstream.landed().length} redirect(s)`);
  return { requests, leaks, problems };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
