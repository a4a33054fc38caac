/**
 * Where the Worker sends API calls: the real API, another base URL, or the in-process
 * simulator. The simulator is the default while no key is configured, so the sample runs
 * offline out of the box and can never spend money by accident.
 */
import { ConfigurationError } from "./configuration-error.js";
import type { Env } from "./env.js";

/** The response header, on every `/api/*` response, naming the upstream: `simulator` or `api`. */
export const UPSTREAM_HEADER = "x-lambda-cloud-upstream";

/** The upstream the Worker uses. */
export type Upstream =
  | { readonly kind: "simulator" }
  /** `url` is `undefined` for the proxy's default, the real Lambda Cloud API. */
  | { readonly kind: "api"; readonly url: string | undefined };

/**
 * Chooses the upstream from `UPSTREAM` and whether a key is configured. A plain-http URL off
 * loopback is refused by `createLambdaProxy` (the key would travel in clear text), and that
 * refusal becomes a configuration error too.
 * @throws {ConfigurationError} when `UPSTREAM` is neither empty, `"simulator"` nor an http(s) URL.
 */
export function upstreamFrom(env: Env, keyConfigured: boolean): Upstream {
  const setting = (env.UPSTREAM ?? "").trim();
  if (setting === "simulator" || !keyConfigured) return { kind: "simulator" };
  if (setting === "") return { kind: "api", url: undefined };
  if (!isBaseUrl(setting)) {
    throw new ConfigurationError(
      `UPSTREAM must be empty (the Lambda Cloud API), "simulator", or a base URL such as "https://cloud.lambda.ai/api/v1"; got ${JSON.stringify(setting)}.`,
    );
  }
  return { kind: "api", url: setting };
}

function isBaseUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (
    (url.protocol === "https:" || url.protocol === "http:") &&
    !url.username &&
    !url.password &&
    !url.search &&
    !url.hash
  );
}
