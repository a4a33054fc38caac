// Runs under Deno or Bun (spawned by test/proxy/gateway/runtimes.test.ts): serves the proxy with a
// memory gateway in front of the simulator (rate limit on) with the runtime's own server, calls
// it over loopback HTTP, and prints a JSON verdict as the last line. The key comes from
// LAMBDA_API_KEY; the test searches all output for it.
import { fromEnv } from "../../../../src/auth/providers/env.js";
import {
  AUDIT_PATH,
  createLambdaProxy,
  createMemoryGateway,
  LIVE_INSTANCES_PATH,
} from "../../../../src/proxy/index.js";
import { createSimulator } from "../../../../src/testing/index.js";

type Handler = (request: Request) => Promise<Response>;

const runtimes = globalThis as unknown as {
  Deno?: {
    env: { get(name: string): string | undefined };
    serve(
      options: { port: number; hostname: string; onListen?: () => void },
      handler: Handler,
    ): { addr: { port: number }; shutdown(): Promise<void> };
  };
  Bun?: {
    env: Record<string, string | undefined>;
    serve(options: { port: number; hostname: string; fetch: Handler }): {
      port: number;
      stop(force?: boolean): Promise<void> | void;
    };
  };
};

function serve(handler: Handler): { runtime: string; port: number; stop(): Promise<void> } {
  const { Deno, Bun } = runtimes;
  if (Deno) {
    const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => undefined }, handler);
    return { runtime: "deno", port: server.addr.port, stop: () => server.shutdown() };
  }
  if (Bun) {
    const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: handler });
    return { runtime: "bun", port: server.port, stop: async () => void (await server.stop(true)) };
  }
  throw new Error("run this script with Deno or Bun");
}

const key = runtimes.Deno?.env.get("LAMBDA_API_KEY") ?? runtimes.Bun?.env.LAMBDA_API_KEY ?? "";
const TOKEN = `Bearer ${crypto.randomUUID()}`;
const UPSTREAM = "https://sim.test/api/v1";
const sim = createSimulator({ apiKeys: [key], rateLimit: true });
const upstreamCalls: string[] = [];
const fetchSim: typeof fetch = (input, init) => {
  upstreamCalls.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname}`);
  return sim.fetch(input, init);
};
const proxy = createLambdaProxy({
  apiKey: fromEnv(),
  allow: "read-write",
  authorize: (request, _env, { access }) => access === "read" || request.headers.get("authorization") === TOKEN,
  gateway: createMemoryGateway({ upstream: UPSTREAM, fetch: fetchSim }),
  log: false,
});
const served = serve(proxy);
const base = `http://127.0.0.1:${served.port}`;
const passed: string[] = [];
const check = (name: string, ok: boolean) => {
  if (!ok) throw new Error(`check failed: ${name}`);
  passed.push(name);
};
const output: string[] = [];

try {
  const lists = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/api/v1/instances`)));
  const bodies = await Promise.all(lists.map((answer) => answer.text()));
  output.push(...bodies);
  check(
    "20 viewers' identical reads make one upstream call",
    upstreamCalls.length === 1 && lists.every((answer) => answer.status === 200),
  );
  const cached = await fetch(`${base}/api/v1/instances`);
  await cached.body?.cancel();
  check(
    "the next read is answered from the cache",
    /^lambda-gateway; hit; ttl=\d/.test(cached.headers.get("cache-status") ?? "") && upstreamCalls.length === 1,
  );

  const write = () =>
    fetch(`${base}/api/v1/ssh-keys`, {
      method: "POST",
      body: JSON.stringify({ name: "laptop" }),
      headers: { authorization: TOKEN, "content-type": "application/json", "idempotency-key": "click-1" },
    });
  const first = await write();
  const again = await write();
  const [firstText, againText] = [await first.text(), await again.text()];
  output.push(firstText, againText);
  check(
    "a repeated write with one Idempotency-Key is performed once and replayed",
    first.status === 200 &&
      again.headers.get("idempotent-replayed") === "true" &&
      againText === firstText &&
      upstreamCalls.filter((call) => call.startsWith("POST")).length === 1,
  );

  const audit = await fetch(`${base}${AUDIT_PATH}`, { headers: { authorization: TOKEN } });
  const auditText = await audit.text();
  output.push(auditText);
  check(
    "the audit trail holds the write",
    audit.status === 200 &&
      (JSON.parse(auditText) as { data: { operation: string }[] }).data[0]?.operation === "addSSHKey",
  );

  const live = await fetch(`${base}${LIVE_INSTANCES_PATH}`);
  const reader = live.body!.pipeThrough(new TextDecoderStream()).getReader();
  let events = "";
  while (!events.includes("event: instances")) events += (await reader.read()).value ?? "";
  await reader.cancel();
  output.push(events);
  check(
    "the live feed sends the instance list",
    live.headers.get("content-type")?.startsWith("text/event-stream") === true && events.includes('"data":['),
  );

  check("no answer holds the key", !output.some((text) => text.includes(key)));
  console.log(JSON.stringify({ ok: true, runtime: served.runtime, passed }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, runtime: served.runtime, error: String((error as Error).message) }));
} finally {
  await served.stop();
}
