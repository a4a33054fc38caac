// Memory while listing a long audit log: 10,000 events in the simulator (lambda-cloud/testing,
// in this process), read through `client.auditEvents.list()` one event at a time. The heap is
// measured after a full garbage collection every 500 events; flat means the heap at the last of
// those is where it was at the first (a page is about 60 kB). For comparison, the same events
// collected into an array.
//
//   npx node bench/memory.mjs [--events 10000]
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { LambdaCloudClient } from "lambda-cloud";
import { createSimulator } from "lambda-cloud/testing";
import { statusKb } from "../test/helpers/processes.ts";
import { commandLineOptions } from "./stats.mjs";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc");
const PAGE_SIZE = 50;
const BASE_URL = "http://sim.test/api/v1";

/**
 * Heap in use after full collections, in MiB. Between them the event loop turns, so that
 * finalizers run: Node's fetch frees the state of a Request with a signal (ky gives every request
 * one) from a FinalizationRegistry, and a collection alone would count it as retained.
 */
async function heapMiB() {
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Measures; resolves with the heap (MiB) before, at most during, and after each way of listing. */
export async function memoryWhileListing({ events = 10_000 } = {}) {
  const apiKey = `bench-${crypto.randomUUID()}`;
  const sim = createSimulator({ apiKeys: [apiKey], clock: "manual", rateLimit: false, pageSize: PAGE_SIZE });
  const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
  // Each refused filesystem creation is one audited call.
  for (let i = 0; i < events; i++) {
    await sim.fetch(`${BASE_URL}/filesystems`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: `fs-${i}`, region: "nowhere-1" }),
    });
  }
  let pages = 0;
  const fetchCounting = (input, init) => {
    if (String(input instanceof Request ? input.url : input).includes("/audit-events")) pages += 1;
    return sim.fetch(input, init);
  };
  const client = new LambdaCloudClient({ apiKey, fetch: fetchCounting, baseUrl: BASE_URL, rateLimit: false });
  const listing = async (keep) => {
    const kept = [];
    const before = await heapMiB();
    const samples = [];
    let seen = 0;
    for await (const event of client.auditEvents.list()) {
      if (keep) kept.push(event);
      if (++seen % 500 === 0) samples.push(await heapMiB());
    }
    if (seen !== events) throw new Error(`listed ${seen} events, expected ${events}`);
    return {
      beforeMiB: before,
      firstMiB: samples[0],
      lastMiB: samples.at(-1),
      peakMiB: Math.max(...samples),
      kept: kept.length,
    };
  };
  await listing(false); // warm-up: compiled code and the client's caches are not growth
  pages = 0;
  const streamed = await listing(false);
  const streamedPages = pages;
  const collected = await listing(true);
  return {
    events,
    pageSize: PAGE_SIZE,
    pages: streamedPages,
    streamed,
    collected,
    residentMiB: statusKb(process.pid, "VmRSS") / 1024,
  };
}

export function describeMemory(r) {
  const mib = (value) => `${value.toFixed(2)} MiB`;
  const row = (label, m) =>
    `  ${label.padEnd(42)}heap ${mib(m.beforeMiB)} before; after 500 events ${mib(m.firstMiB)}, after all ${mib(m.lastMiB)} (${m.lastMiB >= m.firstMiB ? "+" : ""}${mib(m.lastMiB - m.firstMiB)}), at most ${mib(m.peakMiB)}`;
  return [
    `memory while listing ${r.events.toLocaleString("en-US")} audit events (${r.pages} pages of ${r.pageSize}, heap after a full GC every 500 events):`,
    row("for await … of auditEvents.list()", r.streamed),
    row("the same, every event kept in an array", r.collected),
    `  (resident memory of the process at the end: ${r.residentMiB.toFixed(0)} MiB)`,
  ].join("\n");
}

if (import.meta.main) {
  console.log(describeMemory(await memoryWhileListing(commandLineOptions({ events: 10_000 }))));
}
