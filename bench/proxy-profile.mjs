// A CPU profile of the proxy inside workerd: runs bench/proxy-worker.mjs under wrangler with
// its inspector on, records V8's sampling profiler (Chrome DevTools protocol) while the Worker
// makes `calls` reads of one variant, and writes the .cpuprofile (open it in Chrome DevTools or
// speedscope) and prints the functions with the most time, inclusive of what they call.
//
//   npx node bench/proxy-profile.mjs [--variant proxy] [--calls 1000] [--out proxy.cpuprofile]
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { unstable_dev } from "wrangler";
import { startFixtureServer } from "./child-server.mjs";
import { commandLineOptions } from "./stats.mjs";

const root = new URL("..", import.meta.url).pathname;

async function freePort() {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A minimal DevTools protocol session over the inspector's WebSocket. */
async function inspectorSession(port) {
  const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
  // wrangler's inspector proxy admits DevTools' origin (undici's WebSocket takes headers).
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl, {
    headers: { origin: "https://devtools.devprod.cloudflare.dev" },
  });
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let nextId = 1;
  const pending = new Map();
  socket.onmessage = ({ data }) => {
    const message = JSON.parse(data);
    pending.get(message.id)?.(message);
  };
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (message) =>
        message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result),
      );
      socket.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => socket.close() };
}

/** Inclusive time per function (name, file, line), in ms, largest first. */
export function inclusiveTimes(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const self = new Map();
  for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const inclusive = new Map();
  for (const [id, micros] of self) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parentOf.get(at)) {
      const { functionName, url, lineNumber } = byId.get(at).callFrame;
      const name = `${functionName || "(anonymous)"} ${url.split("/").at(-1)}:${lineNumber + 1}`;
      if (!seen.has(name)) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + micros / 1000);
      }
    }
  }
  return [...inclusive].sort((a, b) => b[1] - a[1]);
}

export async function profileProxy({ variant = "proxy", calls = 1_000 } = {}) {
  process.env.WRANGLER_SEND_METRICS ??= "false";
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
  const server = await startFixtureServer(100);
  const inspectorPort = await freePort();
  const worker = await unstable_dev(`${root}bench/proxy-worker.mjs`, {
    config: `${root}bench/wrangler.jsonc`,
    ip: "127.0.0.1",
    port: 0,
    inspect: true,
    inspectorPort,
    vars: { UPSTREAM: server.baseUrl, API_KEY: `bench-${crypto.randomUUID()}` },
    logLevel: "none",
    experimental: { disableExperimentalWarning: true },
  });
  try {
    await worker.fetch(`/measure?variant=${variant}&calls=100`); // warm-up
    const session = await inspectorSession(inspectorPort);
    await session.send("Profiler.enable");
    await session.send("Profiler.setSamplingInterval", { interval: 100 });
    await session.send("Profiler.start");
    const response = await worker.fetch(`/measure?variant=${variant}&calls=${calls}`);
    if (response.status !== 200)
      throw new Error(`the bench Worker failed (${response.status}): ${await response.text()}`);
    const { profile } = await session.send("Profiler.stop");
    session.close();
    return profile;
  } finally {
    await worker.stop();
    await server.stop();
  }
}

if (import.meta.main) {
  const { calls, variant, out, top } = commandLineOptions({
    calls: 1_000,
    variant: "proxy",
    out: "proxy.cpuprofile",
    top: 40,
  });
  const profile = await profileProxy({ variant, calls });
  writeFileSync(out, JSON.stringify(profile));
  const total = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0) / 1000;
  console.log(`${out}: ${total.toFixed(0)} ms sampled over ${calls} calls; inclusive time per call:`);
  for (const [name, ms] of inclusiveTimes(profile).slice(0, top))
    console.log(`${((ms / calls) * 1000).toFixed(1).padStart(8)} µs  ${name}`);
}
