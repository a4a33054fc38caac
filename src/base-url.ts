/**
 * The client's base URL: the option, else the `LAMBDA_CLOUD_BASE_URL` environment variable,
 * else the production API; checked when the client is built, so that a malformed one fails
 * at once with what a base URL looks like rather than on the first call.
 */
import { ConfigurationError } from "./errors.js";
import { readEnvVariableIfAllowed } from "./internal/env.js";

/** The production API. */
export const DEFAULT_BASE_URL = "https://cloud.lambda.ai/api/v1";

/** The environment variable read when the `baseUrl` option is not given. */
export const BASE_URL_VARIABLE = "LAMBDA_CLOUD_BASE_URL";

const SHAPE =
  `A base URL looks like "${DEFAULT_BASE_URL}", or "http://127.0.0.1:8788/api/v1" for a local simulator or proxy: ` +
  "http: or https:, a host, and the path up to /api/v1.";

/**
 * The base URL to use, without trailing slashes.
 * @throws {ConfigurationError} when the option (or the variable) is not an absolute http(s) URL without credentials, query or fragment.
 */
export function resolveBaseUrl(option: unknown): string {
  const fromEnv = option === undefined ? readEnvVariableIfAllowed(BASE_URL_VARIABLE) || undefined : undefined;
  const source = option === undefined && fromEnv !== undefined ? BASE_URL_VARIABLE : "baseUrl";
  const value = option ?? fromEnv ?? DEFAULT_BASE_URL;
  if (typeof value !== "string")
    throw new ConfigurationError(source, `must be a string, not ${typeof value}. ${SHAPE}`);
  const problem = problemOf(value);
  if (problem) throw new ConfigurationError(source, `${quote(value)} ${problem}. ${SHAPE}`);
  return value.replace(/\/+$/, "");
}

function problemOf(value: string): string | undefined {
  if (!URL.canParse(value)) return "is not an absolute URL (is the scheme missing?)";
  const url = new URL(value);
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return `has the scheme ${url.protocol} (is "http://" missing?)`;
  if (url.username || url.password) return "holds credentials; pass the key as the apiKey option instead";
  if (url.search || url.hash) return "has a query or fragment, which would be lost between the base URL and each path";
  return undefined;
}

/** The value, quoted for the message; never a part that may be a secret (credentials, query). */
function quote(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url && (url.protocol === "https:" || url.protocol === "http:"))
    return JSON.stringify(`${url.origin}${url.pathname}`);
  return /[@?#]/.test(value) ? "the value (not shown: it holds '@', '?' or '#')" : JSON.stringify(value.slice(0, 100));
}
