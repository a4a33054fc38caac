// Fan-out: many viewers of one key through the sample Worker, as a team watching one dashboard.
// For each scenario it starts the simulator bin with the API's limits (--rate-limit: 1 request/s
// and 1 launch per 12 s per key) and the sample Worker in `wrangler dev` (real workerd) in front
// of it, with the Worker's own [[ratelimits]] (120 requests a minute per caller). Every viewer
// comes from the same address, as a team behind an office NAT does.
//
//   polling: N viewers each GET /api/v1/instances every 5 s (starting at random moments of the
//            first interval), marked as background refreshes, as the dashboard's timer does.
//   live:    N viewers subscribe to the live instance list (server-sent events); midway, someone
//            else launches an instance with the same key straight at the API, and the benchmark
//            times how long each viewer takes to see it.
//
// Reported: failed refreshes by status and error code, upstream calls per second (counted by the
// simulator, refused ones included), and the 95th percentile of the age of the data a viewer
// shows right after each refresh (a failed refresh leaves the older data on screen).
//
//   npx node bench/fanout.mjs [--viewers 10,100,1000] [--live 1000] [--seconds 30]
import { randomUUID } from "node:crypto";
import { LambdaCloudClient } from "lambda-cloud";
import { startWranglerDev } from "../scripts/wrangler-dev.ts";
import { REFRESH_HEADER } from "../src/proxy/gateway/contract.ts";
import { failureOf, startLiveViewer } from "../test/proxy/gateway/live-viewer.ts";
import { startRateLimitedSimulator } from "../test/proxy/gateway/stack.ts";
import { commandLineOptions } from "./stats.mjs";

/** How often a viewer refreshes, as the dashboard does. */
const REFRESH_INTERVAL_MS = 5_000;

/** The 95th percentile (nearest rank) of a list of numbers; `null` for an empty list. */
export function percentile95(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

/** The simulator bin (--rate-limit, --admin) and the sample Worker in front of it, with one random key. */
async function startStack() {
  const key = `bench-${randomUUID()}`;
  const simulator = await startRateLimitedSimulator(key, 20_000);
  let worker;
  try {
    worker = await startWranglerDev({ vars: { UPSTREAM: simulator.url }, secrets: { LAMBDA_API_KEY: key } });
  } catch (error) {
    await simulator.stop();
    throw error;
  }
  return {
    worker: worker.origin,
    traffic: simulator.traffic,
    admin: simulator.admin,
    // Another user of the same key (a script, a CLI), with the client's own pacing and retries.
    direct: new LambdaCloudClient({ apiKey: key, baseUrl: simulator.url }),
    stop: async () => {
      await worker.stop();
      await simulator.stop();
    },
  };
}

/**
 * When the answer's data was produced, as far as the viewer can tell: its arrival less its `Age`
 * (whole seconds, counted where the answer was made). A lower bound of its true age, which can be
 * up to the answer's transit time more.
 */
const producedAt = (response, receivedAt) => receivedAt - Number(response.headers.get("age") ?? 0) * 1_000;

/** One polling viewer: refreshes every interval until `until`; returns each refresh's outcome and the age of what it shows. */
async function pollingViewer(origin, until) {
  const refreshes = [];
  let shownProducedAt = null;
  await new Promise((resolve) => setTimeout(resolve, Math.random() * REFRESH_INTERVAL_MS));
  while (Date.now() < until) {
    const sentAt = Date.now();
    let failure = null;
    let roundTripMs = null;
    try {
      const response = await fetch(`${origin}/api/v1/instances`, {
        headers: { accept: "application/json", [REFRESH_HEADER]: "background" },
      });
      const receivedAt = Date.now();
      if (response.ok) {
        await response.arrayBuffer();
        shownProducedAt = producedAt(response, receivedAt);
        roundTripMs = receivedAt - sentAt;
      } else {
        failure = await failureOf(response);
      }
    } catch (error) {
      failure = `network ${error.cause?.code ?? error.name}`;
    }
    const now = Date.now();
    refreshes.push({ failure, ageMs: shownProducedAt === null ? null : now - shownProducedAt, roundTripMs });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, sentAt + REFRESH_INTERVAL_MS - now)));
  }
  return refreshes;
}

/** N polling viewers for `seconds`, against a fresh stack. */
export async function pollingScenario(viewers, seconds) {
  const stack = await startStack();
  try {
    const before = await stack.traffic();
    const started = Date.now();
    const until = started + seconds * 1_000;
    const all = (await Promise.all(Array.from({ length: viewers }, () => pollingViewer(stack.worker, until)))).flat();
    const elapsedS = (Date.now() - started) / 1_000;
    const after = await stack.traffic();
    const failures = {};
    for (const { failure } of all) if (failure) failures[failure] = (failures[failure] ?? 0) + 1;
    const ages = all.map(({ ageMs }) => ageMs ?? Infinity);
    return {
      viewers,
      seconds,
      refreshes: all.length,
      failed: all.filter(({ failure }) => failure).length,
      failures,
      upstreamPerSecond: (after.requests - before.requests) / elapsedS,
      upstreamRefused: (after.by_status["429"] ?? 0) - (before.by_status["429"] ?? 0),
      p95AgeMs: percentile95(ages),
      p95RoundTripMs: percentile95(all.map(({ roundTripMs }) => roundTripMs).filter((value) => value !== null)),
    };
  } finally {
    await stack.stop();
  }
}

/** N live viewers for `seconds`; halfway through, an instance is launched straight at the API. */
export async function liveScenario(viewers, seconds) {
  const stack = await startStack();
  const stop = new AbortController();
  try {
    await stack.admin("capacity", { instance_type_name: "gpu_1x_a10", region_name: "us-west-1", units: 4 });
    const sshKey = await stack.direct.sshKeys.create({ name: "bench" });
    const before = await stack.traffic();
    const started = Date.now();
    const all = Array.from({ length: viewers }, () => startLiveViewer(stack.worker, stop.signal));
    await new Promise((resolve) => setTimeout(resolve, (seconds * 1_000) / 2));
    const launched = await stack.direct.instances.launch({
      name: "fan-out",
      region_name: "us-west-1",
      instance_type_name: "gpu_1x_a10",
      ssh_key_names: [sshKey.name],
    });
    const visibleAt = Date.now();
    const [id] = launched.instance_ids;
    await new Promise((resolve) => setTimeout(resolve, started + seconds * 1_000 - Date.now()));
    stop.abort();
    await Promise.all(all.map((viewer) => viewer.done));
    const elapsedS = (Date.now() - started) / 1_000;
    const after = await stack.traffic();
    const refusals = {};
    for (const viewer of all)
      for (const [failure, count] of Object.entries(viewer.refusals))
        refusals[failure] = (refusals[failure] ?? 0) + count;
    const delays = all
      .map((viewer) => viewer.lists.find((list) => list.ids.has(id))?.receivedAt)
      .map((seenAt) => (seenAt === undefined ? Infinity : Math.max(0, seenAt - visibleAt)));
    const lists = all.flatMap((viewer) => viewer.lists);
    return {
      viewers,
      seconds,
      connected: all.filter((viewer) => viewer.connects > 0).length,
      reconnects: all.reduce((sum, viewer) => sum + Math.max(0, viewer.connects - 1), 0),
      refusals,
      events: lists.length,
      upstreamPerSecond: (after.requests - before.requests - 1) / elapsedS,
      upstreamListCalls: (after.by_operation.listInstances ?? 0) - (before.by_operation.listInstances ?? 0),
      sawLaunch: delays.filter(Number.isFinite).length,
      p95LaunchDelayMs: percentile95(delays),
      maxLaunchDelayMs: delays.length ? Math.max(...delays) : null,
      p95AgeMs: percentile95(lists.map((list) => list.ageMs)),
    };
  } finally {
    stop.abort();
    await stack.stop();
  }
}

/** Runs the polling scenarios, then the live one. */
export async function fanout({ viewers = [10, 100, 1_000], live = 1_000, seconds = 30 } = {}) {
  const polling = [];
  for (const count of viewers) polling.push(await pollingScenario(count, seconds));
  return { polling, live: live > 0 ? await liveScenario(live, seconds) : null };
}

const ms = (value) => (value === null ? "–" : Number.isFinite(value) ? `${(value / 1000).toFixed(1)} s` : "never");
const breakdown = (counts) =>
  Object.entries(counts)
    .map(([what, count]) => `${count}× ${what}`)
    .join(", ") || "none";

export function describeFanout(result) {
  const lines = [
    `fan-out through wrangler dev, simulator with --rate-limit, every viewer from one address, refresh every ${REFRESH_INTERVAL_MS / 1000} s:`,
  ];
  for (const r of result.polling) {
    const share = r.refreshes ? ((100 * r.failed) / r.refreshes).toFixed(0) : "0";
    lines.push(
      `  ${String(r.viewers).padStart(5)} polling viewers, ${r.seconds} s: ${r.refreshes} refreshes, ${r.failed} failed (${share} %: ${breakdown(r.failures)}); ` +
        `upstream ${r.upstreamPerSecond.toFixed(2)} calls/s (${r.upstreamRefused} refused); p95 age ${ms(r.p95AgeMs)} (p95 round trip ${ms(r.p95RoundTripMs)})`,
    );
  }
  const l = result.live;
  if (l) {
    lines.push(
      `  ${String(l.viewers).padStart(5)} live viewers, ${l.seconds} s: ${l.connected} connected (${l.reconnects} reconnects; refused: ${breakdown(l.refusals)}), ${l.events} events; ` +
        `upstream ${l.upstreamPerSecond.toFixed(2)} calls/s (${l.upstreamListCalls} instance-list polls); launch seen by ${l.sawLaunch}/${l.viewers}, ` +
        `p95 ${ms(l.p95LaunchDelayMs)}, max ${ms(l.maxLaunchDelayMs)}; p95 age of events ${ms(l.p95AgeMs)}`,
    );
  }
  return lines.join("\n");
}

if (import.meta.main) {
  const { viewers, live, seconds } = commandLineOptions({ viewers: "10,100,1000", live: 1000, seconds: 30 });
  const result = await fanout({ viewers: viewers.split(",").filter(Boolean).map(Number), live, seconds });
  console.log(describeFanout(result));
  if (process.argv.includes("--json")) console.log(JSON.stringify(result));
}
