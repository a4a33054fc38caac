/**
 * The lambda-cloud proxy served by Deno: browsers (a dashboard, say) call
 * http://127.0.0.1:8787/api/v1/… without any key; the proxy adds the key from LAMBDA_API_KEY and
 * forwards reads only. To allow launches and other writes, pass `allow: "read-write"` and an
 * `authorize` function that checks who is calling.
 *
 *   LAMBDA_API_KEY=… deno run --allow-env=LAMBDA_API_KEY,LAMBDA_API_BASE,PORT --allow-net=127.0.0.1,cloud.lambda.ai examples/deno-proxy.ts
 *
 * LAMBDA_API_BASE changes the upstream (e.g. to the simulator); PORT the port (default 8787).
 * checkHost answers 421 to a Host other than an address or localhost (DNS rebinding), and the
 * socket's address, not a header the caller could forge, is the client's for rate limits.
 */
import { fromEnv } from "lambda-cloud";
import { checkHost, createLambdaProxy } from "lambda-cloud/proxy";

const proxy = createLambdaProxy({
  apiKey: fromEnv("LAMBDA_API_KEY"),
  upstream: Deno.env.get("LAMBDA_API_BASE"), // undefined: the real API
});
const port = Number(Deno.env.get("PORT") ?? 8787);
Deno.serve(
  { hostname: "127.0.0.1", port, onListen: ({ port }) => console.log(`Proxy on http://127.0.0.1:${port}/api/v1`) },
  (request, info) => checkHost(request) ?? proxy(request, undefined, { clientAddress: info.remoteAddr.hostname }),
);
