// Runs under Deno or Bun (spawned by test/proxy/runtimes.test.ts): serves the proxy with the
// runtime's own server (Deno.serve or Bun.serve), calls it over loopback HTTP, and prints a
// JSON verdict as the last line. The key comes from LAMBDA_API_KEY through fromEnv(); the
// proxy's default console log goes to stdout, which the test searches for the key.
import { fromEnv } from "../../../src/auth/providers/env.js";
import { createLambdaProxy } from "../../../src/proxy/index.js";
import { sendRaw } from "../node-server.js";
import { envVar, serve } from "./serve.js";

const key = envVar("LAMBDA_API_KEY");

/** The upstream: answers whether it got the key, and echoes every request header on /ssh-keys. */
const upstream: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const authorization = request.headers.get("authorization") ?? "";
  if (new URL(request.url).pathname.endsWith("/ssh-keys")) {
    const echoed = [...request.headers].map(([name, value]) => `${name}: ${value}`).join("; ");
    return Response.json(
      { error: { code: "echo", message: echoed } },
      { status: 401, headers: { "x-request-id": authorization } },
    );
  }
  return Response.json({ data: [{ keyReceived: authorization === `Bearer ${key}` }] });
};

const proxy = createLambdaProxy({ apiKey: fromEnv(), upstream: "https://upstream.test/api/v1", fetch: upstream });
const served = serve(proxy);
const { runtime } = served;
const base = `http://127.0.0.1:${served.port}`;
const passed: string[] = [];
const check = (name: string, ok: boolean) => {
  if (!ok) throw new Error(`check failed: ${name}`);
  passed.push(name);
};

/** The statuses of 20 requests, each claiming another client address, through a proxy limited to 5 per client. */
async function spoofedStatuses(): Promise<number[]> {
  const counts = new Map<string, number>();
  const limited = createLambdaProxy({
    apiKey: fromEnv(),
    upstream: "https://upstream.test/api/v1",
    fetch: upstream,
    log: false,
    rateLimit: (client) => (counts.set(client, (counts.get(client) ?? 0) + 1).get(client) ?? 0) <= 5,
  });
  const server = serve(limited);
  const statuses: number[] = [];
  try {
    for (let i = 1; i <= 20; i++) {
      const spoofed = `203.0.113.${i}`;
      const answer = await fetch(`http://127.0.0.1:${server.port}/api/v1/instances`, {
        headers: { "cf-connecting-ip": spoofed, "x-forwarded-for": spoofed },
      });
      await answer.body?.cancel();
      statuses.push(answer.status);
    }
  } finally {
    await server.stop();
  }
  return statuses;
}

try {
  const list = await fetch(`${base}/api/v1/instances`, { headers: { authorization: "Bearer browser-token" } });
  const listed = (await list.json()) as { data: { keyReceived: boolean }[] };
  check("a read is forwarded with the server's key", list.status === 200 && listed.data[0]?.keyReceived === true);
  check(
    "answers carry no-store and nosniff",
    list.headers.get("cache-control") === "no-store" && list.headers.get("x-content-type-options") === "nosniff",
  );

  const echo = await fetch(`${base}/api/v1/ssh-keys`);
  const echoText = `${JSON.stringify([...echo.headers])}${await echo.text()}`;
  check(
    "an upstream echoing the key shows it nowhere",
    echo.status === 401 && !echoText.includes(key) && echoText.includes("[redacted]"),
  );

  const doubled = await fetch(`${base}/api/v1//instances`);
  check(
    "a doubled slash is refused before routing",
    doubled.status === 400 &&
      ((await doubled.json()) as { error: { code: string } }).error.code === "proxy/route-not-allowed",
  );

  const write = await fetch(`${base}/api/v1/instance-operations/launch`, { method: "POST", body: "{}" });
  await write.body?.cancel();
  check("a write is refused by a read-only proxy", write.status === 404);

  const host = `rebind.attacker.example:${served.port}`;
  const rebound = await sendRaw(
    served.port,
    `GET /api/v1/instances HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}`,
  );
  check(
    "a DNS-rebinding Host with a matching Origin gets 421",
    rebound.status === 421 && rebound.body.includes("proxy/host-not-allowed"),
  );

  check(
    "20 requests from 20 spoofed addresses are limited by a limit of 5",
    (await spoofedStatuses()).filter((status) => status === 429).length === 15,
  );

  // What the runtime's server makes of dot segments, plain and encoded, before the proxy sees them.
  const dotSegments = {
    dotDot: (await sendRaw(served.port, "GET /api/v1/regions/../instances HTTP/1.1\r\nHost: 127.0.0.1")).status,
    encodedDotDot: (await sendRaw(served.port, "GET /api/v1/regions/%2e%2e/instances HTTP/1.1\r\nHost: 127.0.0.1"))
      .status,
  };
  console.log(JSON.stringify({ ok: true, runtime, passed, dotSegments }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, runtime, error: String((error as Error).message) }));
} finally {
  await served.stop();
}
