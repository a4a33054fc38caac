// The served side of the hostile-upstream battery, the same in every runtime (Node, Deno, Bun,
// workerd): one proxy per upstream base URL, chosen by the test's x-battery-upstream header.
// Test code only: a real proxy's upstream is fixed by its operator, never named by a request.
import { inMemoryKey } from "../../../src/auth/providers/in-memory.js";
import { createLambdaProxy, type LogOption, type ProxyHandler } from "../../../src/proxy/index.js";

/** The request header naming the hostile scenario's base URL. */
export const BATTERY_UPSTREAM_HEADER = "x-battery-upstream";

/** A handler that forwards each request through a proxy (with `key`) to the upstream its header names; `log` as the proxy's option (default: JSON lines on the console). */
export function batteryProxy(key: string, log?: LogOption): ProxyHandler {
  const proxies = new Map<string, ProxyHandler>();
  return async (request, env, ctx) => {
    const upstream = request.headers.get(BATTERY_UPSTREAM_HEADER);
    if (upstream === null) return new Response("the battery needs an x-battery-upstream header", { status: 404 });
    let proxy = proxies.get(upstream);
    if (proxy === undefined) {
      proxy = createLambdaProxy({
        apiKey: inMemoryKey(key, { name: "battery key" }),
        upstream,
        ...(log === undefined ? {} : { log }),
      });
      proxies.set(upstream, proxy);
    }
    return proxy(request, env, ctx);
  };
}
