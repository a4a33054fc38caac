/**
 * The defence against DNS rebinding for proxies served on a machine's own address: a page on
 * `attacker.example` whose name now resolves to 127.0.0.1 reaches the local server as a
 * same-origin caller, with `Host: attacker.example`. A local server answers only to its own
 * address, `localhost`, and names its operator lists; every other `Host` gets 421.
 */
import { adapterRejectionResponse, ProxyRejection } from "./errors.js";

const checkedRequests = new WeakSet<Request>();

/** The address part of a Host header, lowercased and without the port: `"127.0.0.1"`, `"[::1]"`, `"localhost"`. */
function hostnameOf(host: string): string {
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d*$/, "");
  return name.toLowerCase();
}

/** An IPv4 literal or a bracketed IPv6 literal: names no DNS answer can rebind. */
function isAddressLiteral(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || /^\[[0-9a-f:.]+\]$/.test(hostname);
}

/** Whether `hostname` is the listed name, or (for an entry starting with ".") any name below it. */
function matchesListed(hostname: string, listed: string): boolean {
  const name = hostnameOf(listed);
  return name.startsWith(".") ? hostname.endsWith(name) && hostname.length > name.length : hostname === name;
}

/**
 * Whether a local server may answer a request carrying `host`: an IP address, `localhost`,
 * or one of `hosts` (names such as `"dash.internal"`, or `".workers.dev"` for any name below
 * it, compared without the port).
 */
function isOwnHost(host: string | null | undefined, hosts: readonly string[] = []): boolean {
  if (!host) return false;
  const hostname = hostnameOf(host);
  return (
    hostname === "localhost" || isAddressLiteral(hostname) || hosts.some((listed) => matchesListed(hostname, listed))
  );
}

/** Options of {@link checkHost}. */
export interface CheckHostOptions {
  /**
   * What the 421 answer tells its reader to do, e.g. where an operator lists another host name.
   * @default "Call it by its address (e.g. http://127.0.0.1:8787); an operator who serves it under a name adds that name to its hosts option."
   */
  readonly suggestion?: string | undefined;
}

/** Whether the request's Host was checked by {@link checkHost}, so that its URL's origin is the proxy's own. */
export function isHostChecked(request: Request): boolean {
  return checkedRequests.has(request);
}

/**
 * Refuses a request whose `Host` is not one a local server answers to, before any handler sees
 * it: an IP address, `localhost`, or an entry of `hosts`, where `"dash.internal"` matches that
 * name only and `".workers.dev"` (a leading dot) matches every name below it, such as
 * `my-dash.me.workers.dev` (but not `workers.dev` itself, nor `workers.dev.attacker.example`). Requests that pass are marked, so the proxy may treat their
 * origin as its own for the same-origin check. `toNodeListener` calls it for you; call it
 * yourself in front of the proxy under `Deno.serve` or `Bun.serve`.
 * @returns a `421 proxy/host-not-allowed` answer to send instead, or `undefined` when the Host is fine.
 * @example
 * Deno.serve({ hostname: "127.0.0.1", port: 8787 }, (request, info) =>
 *   checkHost(request) ?? proxy(request, undefined, { clientAddress: info.remoteAddr.hostname }));
 */
export function checkHost(
  request: Request,
  hosts: readonly string[] = [],
  options: CheckHostOptions = {},
): Response | undefined {
  if (isOwnHost(request.headers.get("host") ?? new URL(request.url).host, hosts)) {
    checkedRequests.add(request);
    return undefined;
  }
  return adapterRejectionResponse(
    new ProxyRejection(
      421,
      "proxy/host-not-allowed",
      "This server answers only to its own address, localhost and the host names it is configured with.",
      options.suggestion ??
        "Call it by its address (e.g. http://127.0.0.1:8787); an operator who serves it under a name adds that name to its hosts option.",
    ),
  );
}
