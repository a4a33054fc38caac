// The server side of the happy-dom scenario, in its own Node process (so that happy-dom's
// globals, which replace fetch, Request and Response in the test's process, never touch the
// server): the simulator with its control API, and createLambdaProxy in front of it allowing
// the page's origin. Prints one JSON line: { proxy, simulator } base URLs.
//
//   LAMBDA_API_KEY=… PROXY_TOKEN=… node test/dom/proxy-host.mjs <page origin> <audit page size>
import { createServer } from "node:http";
import { fromEnv } from "lambda-cloud";
import { createLambdaProxy, toNodeListener } from "lambda-cloud/proxy";
import { createSimulator, serve } from "lambda-cloud/testing";

const [pageOrigin, pageSize] = process.argv.slice(2);
const simulator = createSimulator({
  apiKeys: [process.env.LAMBDA_API_KEY],
  admin: true,
  clock: "manual",
  bootMs: 60_000,
  pageSize: Number(pageSize),
});
const served = await serve(simulator, { port: 0 });
const proxy = createLambdaProxy({
  apiKey: fromEnv("LAMBDA_API_KEY"),
  upstream: served.url,
  allow: "read-write",
  authorize: (request) => request.headers.get("authorization") === `Bearer ${process.env.PROXY_TOKEN}`,
  cors: { origins: [pageOrigin] },
  log: false,
});
const server = createServer(toNodeListener(proxy));
server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ proxy: `http://127.0.0.1:${server.address().port}/api/v1`, simulator: served.url }));
});
process.on("SIGTERM", async () => {
  server.closeAllConnections();
  server.close();
  await served.close();
  process.exit(0);
});
