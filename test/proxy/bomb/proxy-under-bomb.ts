// Runs in its own Node process (spawned by test/proxy/decompression-bomb.test.ts), so that its
// resident memory is the proxy's alone: serves the built proxy with toNodeListener in front of
// BOMB_UPSTREAM, warms it up with small answers, then asks for the bomb and prints one JSON line:
// the status and error code it got, resident memory when idle and at its peak, and whether the
// key (LAMBDA_API_KEY) appeared in the answer or the log.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { inMemoryKey } from "lambda-cloud";
import { createLambdaProxy, toNodeListener } from "lambda-cloud/proxy";

const key = process.env.LAMBDA_API_KEY ?? "";
const logs: string[] = [];
const proxy = createLambdaProxy({
  apiKey: inMemoryKey(key),
  upstream: process.env.BOMB_UPSTREAM,
  log: (record) => logs.push(JSON.stringify(record)),
});
const server = createServer(toNodeListener(proxy));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const call = async (path: string) => {
  const response = await fetch(`${origin}${path}`);
  return { status: response.status, body: await response.text() };
};

for (let i = 0; i < 5; i++) await call("/api/v1/instance-types");
const idleKb = Math.round(process.memoryUsage.rss() / 1024);
const bomb = await call("/api/v1/instances");
const peakKb = process.resourceUsage().maxRSS;
const code = (JSON.parse(bomb.body) as { error?: { code?: string } }).error?.code ?? null;
console.log(
  JSON.stringify({
    status: bomb.status,
    code,
    idleKb,
    peakKb,
    keyLeaked: `${bomb.body}${logs.join("")}`.includes(key),
  }),
);
server.closeAllConnections();
server.close();
