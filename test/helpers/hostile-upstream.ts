/**
 * A hostile upstream for the tests: a real `node:http` server on 127.0.0.1 (port 0) that puts a
 * sentinel key into whichever channel an upstream controls: the reason phrase, header names
 * and values, the body (plain text, malformed JSON, JSON values, keys, nested), error
 * envelopes, redirects' `Location`, and garbled HTTP, with the body sent as identity, gzip,
 * deflate or br.
 *
 * The scenario is chosen by the base URL, so a client (or a proxy's `upstream`) aimed at
 * `upstream.baseUrl({ channel: "reason-phrase", status: 500 })` gets that answer for every
 * operation, whatever its path:
 *
 * ```ts
 * const upstream = await startHostileUpstream();
 * const client = new LambdaCloudClient({ apiKey: upstream.key, baseUrl: upstream.baseUrl({ channel: "json-key" }) });
 * const error = await client.instances.list().catch((e) => e);
 * expect(upstream.leaks(inspect(error))).toEqual([]);
 * await upstream.close();
 * ```
 *
 * Works in Node, Deno and Bun (`node:http` and `node:zlib` only). The scenario definitions
 * (channels, encodings, `hostileBaseUrl`, `keyFormsOf`) live in ./hostile-scenarios.ts, without
 * `node:` imports, for code that runs elsewhere (workerd) and aims at this server; they are
 * re-exported here. test/helpers/hostile-battery.ts is the client's battery against it.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import {
  CHANNELS,
  type Channel,
  ENCODINGS,
  type Encoding,
  hostileBaseUrl,
  keyFormsOf,
  PREFIX,
  type Scenario,
} from "./hostile-scenarios.js";
import { instance } from "./payloads.js";

export {
  CHANNELS,
  type Channel,
  ENCODINGS,
  type Encoding,
  hostileBaseUrl,
  keyFormsOf,
  type Scenario,
} from "./hostile-scenarios.js";

/** A request the upstream received, as it arrived (the `Authorization` header included). */
export interface ReceivedRequest {
  readonly method: string;
  /** Path and query as sent, scenario prefix included. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A running hostile upstream. */
export interface HostileUpstream {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** The sentinel key the answers carry (random unless given). */
  readonly key: string;
  /** Every form of the key the answers use: raw, Basic (`base64("<key>:")`), JSON-escaped, URL-encoded. */
  readonly keyForms: readonly string[];
  /** The base URL (ending in `/api/v1`) under which every request gets `scenario`'s answer. */
  baseUrl(scenario: Scenario): string;
  /** Every request received, in order; redirect targets included. */
  readonly requests: readonly ReceivedRequest[];
  /** Requests that followed a redirect to its `Location` (another origin: `localhost` instead of `127.0.0.1`). */
  landed(): readonly ReceivedRequest[];
  /** The forms of the key found in `text` (empty when it holds none); never returns the text itself. */
  leaks(text: string): string[];
  /** Stops the server, closing open connections (Deno hangs otherwise). */
  close(): Promise<void>;
}

/** Options of {@link startHostileUpstream}. */
export interface HostileUpstreamOptions {
  /** The key to put in the answers. @default a random `secret_sentinel_<hex>` */
  readonly key?: string | undefined;
  /** Let the process exit while the server runs (for a server started in a config file, never closed). @default false */
  readonly unref?: boolean | undefined;
}

const LANDED = "/landed";

/** Starts a hostile upstream on a free loopback port. */
export async function startHostileUpstream(options: HostileUpstreamOptions = {}): Promise<HostileUpstream> {
  const key = options.key ?? `secret_sentinel_${crypto.randomUUID().replaceAll("-", "")}`;
  const keyForms = keyFormsOf(key);
  const requests: ReceivedRequest[] = [];
  let port = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = request.url ?? "/";
      requests.push({
        method: request.method ?? "",
        url,
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const scenario = url.startsWith(LANDED) ? undefined : parseScenario(url);
      if (scenario?.channel === "broken-http") {
        request.socket.end(
          `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nBearer ${key}\r\n\r\n{"data": "${key}"}`,
        );
        return;
      }
      const answer = scenario ? answerFor(scenario, key, port) : landedAnswer(key);
      const headers = { ...answer.headers } as Record<string, string | string[]>;
      let body: Buffer = Buffer.from(answer.body, "utf8");
      if (answer.encoding !== "identity" && body.length > 0) {
        body = encode(body, answer.encoding);
        headers["content-encoding"] = answer.encoding;
      }
      headers["content-length"] = String(body.length);
      response.writeHead(answer.status, answer.reason, headers);
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  if (options.unref) server.unref();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    key,
    keyForms,
    requests,
    baseUrl: (scenario) => hostileBaseUrl(origin, scenario),
    landed: () => requests.filter((request) => request.url.startsWith(LANDED)),
    leaks: (text) => keyForms.filter((form) => text.includes(form)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface Answer {
  readonly status: number;
  readonly reason: string | undefined;
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly body: string;
  readonly encoding: Encoding;
}

function parseScenario(url: string): Required<Scenario> {
  const [channel, status, encoding] = url.slice(PREFIX.length + 1).split("/");
  if (
    !url.startsWith(`${PREFIX}/`) ||
    !CHANNELS.includes(channel as Channel) ||
    !ENCODINGS.includes(encoding as Encoding)
  ) {
    throw new Error(`hostile upstream: ${url} is not under a base URL from upstream.baseUrl()`);
  }
  return { channel: channel as Channel, status: Number(status), encoding: encoding as Encoding };
}

const JSON_TYPE = { "content-type": "application/json" };

function cleanEnvelope(status: number): string {
  return JSON.stringify({ error: { code: `http/${status}`, message: "The upstream failed." } });
}

/** The answer of one scenario, for a server on `port`. */
function answerFor({ channel, status, encoding }: Required<Scenario>, key: string, port: number): Answer {
  const basic = btoa(`${key}:`);
  const escaped = JSON.stringify(key).slice(1, -1);
  const base = { status, reason: undefined, encoding };
  switch (channel) {
    case "reason-phrase":
      return { ...base, reason: `Bad credentials Bearer ${key}`, headers: {}, body: "" };
    case "header-value":
      return {
        ...base,
        headers: {
          ...JSON_TYPE,
          "x-echo": `Bearer ${key}`,
          "www-authenticate": `Bearer realm="${key}", error="invalid_token"`,
          "set-cookie": [`session=${key}`, `basic=${basic}`],
          "x-request-id": key,
        },
        body: cleanEnvelope(status),
      };
    case "header-name":
      return { ...base, headers: { ...JSON_TYPE, [`x-echo-${key}`]: "1" }, body: cleanEnvelope(status) };
    case "text-body":
      return {
        ...base,
        headers: { "content-type": "text/plain; charset=utf-8" },
        body: `Unauthorized.\nAuthorization: Bearer ${key}\nAuthorization: Basic ${basic}\n`,
      };
    case "html-body":
      return {
        ...base,
        headers: { "content-type": "text/html; charset=utf-8" },
        body: `<html><head><meta http-equiv="refresh" content="0; url=/?k=${encodeURIComponent(key)}"></head><body data-key="${key}">${key}</body></html>`,
      };
    case "malformed-json":
      return { ...base, headers: JSON_TYPE, body: `{"data": "${key}` };
    case "json-value":
      return { ...base, headers: JSON_TYPE, body: JSON.stringify({ data: key }) };
    case "json-key":
      return { ...base, headers: JSON_TYPE, body: JSON.stringify({ data: { [key]: key } }) };
    case "json-nested":
      return {
        ...base,
        headers: JSON_TYPE,
        body: JSON.stringify({
          data: [
            {
              id: key,
              name: 42,
              tags: [{ key, value: { [key]: [escaped, encodeURIComponent(key), { deep: `Basic ${basic}` }] } }],
            },
          ],
        }),
      };
    case "json-instance":
      return {
        ...base,
        headers: JSON_TYPE,
        body: JSON.stringify({ data: { ...instance, status: key, name: key, hostname: key, jupyter_token: key } }),
      };
    case "error-envelope":
      return {
        ...base,
        headers: JSON_TYPE,
        body: JSON.stringify({
          error: {
            code: `global/${key}`,
            message: `Invalid key ${key}`,
            suggestion: `Use Basic ${basic}`,
            request_id: key,
            field_errors: { [key]: { code: key, message: key, suggestion: key } },
          },
        }),
      };
    case "broken-http":
      throw new Error("hostile upstream: broken-http has no HTTP answer; the server writes it raw to the socket");
    case "redirect":
      return {
        ...base,
        headers: {
          ...JSON_TYPE,
          // Another origin (localhost, not 127.0.0.1) on the same server, so following it is recorded.
          location: `http://localhost:${port}${LANDED}/${encodeURIComponent(key)}?api_key=${encodeURIComponent(key)}#${encodeURIComponent(key)}`,
        },
        body: JSON.stringify({ data: key }),
      };
  }
}

/** What a followed redirect gets: a success carrying another host's data (and the key). */
function landedAnswer(key: string): Answer {
  return {
    status: 200,
    reason: undefined,
    headers: JSON_TYPE,
    body: JSON.stringify({ data: [], echoed: key }),
    encoding: "identity",
  };
}

function encode(body: Buffer, encoding: Exclude<Encoding, "identity">): Buffer {
  if (encoding === "gzip") return gzipSync(body);
  if (encoding === "deflate") return deflateSync(body);
  return brotliCompressSync(body);
}
