// The Worker that bench/proxy-overhead.mjs runs in workerd (through wrangler). GET /measure
// times, inside workerd, `calls` sequential reads of UPSTREAM/instances made two ways:
//   direct: fetch(UPSTREAM/instances) with the key, body read as text;
//   proxy:  the same read through createLambdaProxy (logging off), body read as text.
// It alternates the two for `rounds` rounds (plus one warm-up) and answers each round's
// milliseconds. (workerd's clock advances at I/O, and every call here does I/O.)
import { inMemoryKey } from "lambda-cloud";
import { createLambdaProxy } from "lambda-cloud/proxy";

async function timeCalls(calls, call) {
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    const response = await call();
    if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`);
    await response.text();
  }
  return performance.now() - start;
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const calls = Number(url.searchParams.get("calls") ?? 200);
    const rounds = Number(url.searchParams.get("rounds") ?? 5);
    const proxy = createLambdaProxy({ apiKey: inMemoryKey(env.API_KEY), upstream: env.UPSTREAM, log: false });
    const variants = {
      direct: () => fetch(`${env.UPSTREAM}/instances`, { headers: { authorization: `Bearer ${env.API_KEY}`, accept: "application/json" } }),
      proxy: () => proxy(new Request("https://proxy.example/api/v1/instances", { headers: { accept: "application/json" } })),
    };
    const durations = { direct: [], proxy: [] };
    for (let round = -1; round < rounds; round++) {
      for (const [name, call] of Object.entries(variants)) {
        const ms = await timeCalls(calls, call);
        if (round >= 0) durations[name].push(ms);
      }
    }
    return Response.json(durations);
  },
};
