/**
 * The lambda-cloud proxy served by Bun: browsers (a dashboard, say) call
 * http://127.0.0.1:8787/api/v1/… without any key; the proxy adds the key from LAMBDA_API_KEY and
 * forwards reads only. To allow launches and other writes, pass `allow: "read-write"` and an
 * `authorize` function that checks who is calling.
 *
 *   LAMBDA_API_KEY=… bun examples/bun-proxy.ts
 *
 * LAMBDA_CLOUD_BASE_URL changes the upstream (e.g. to the simulator); PORT the port (default 8787).
 * checkHost answers 421 to a Host other than an address or localhost (DNS rebinding), and the
 * socket's address, not a header the caller could forge, is the client's for rate limits.
 */
import { fromEnv } from "lambda-cloud";
import { checkHost, createLambdaProxy } from "lambda-cloud/proxy";

const proxy = createLambdaProxy({
  apiKey: fromEnv("LAMBDA_API_KEY"),
  upstream: Bun.env.LAMBDA_CLOUD_BASE_URL, // undefined: the real API
});
const server = Bun.serve({
  hostname: "127.0.0.1",
  port: Number(Bun.env.PORT ?? 8787),
  fetch: (request, server) =>
    checkHost(request) ?? proxy(request, undefined, { clientAddress: server.requestIP(request)?.address }),
});
console.log(`Proxy on http://127.0.0.1:${server.port}/api/v1`);
