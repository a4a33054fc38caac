// Runs under Deno or Bun (spawned by test/proxy/runtimes.test.ts): serves the proxy with the
// runtime's own server (Deno.serve or Bun.serve), calls it over loopback HTTP, and prints a
// JSON verdict as the last line. The key comes from LAMBDA_API_KEY through fromEnv(); the
// proxy's default console log goes to stdout, which the test searches for the key.
import { fromEnv } from "../../../src/auth/providers/env.js";
import { createLambdaProxy } from "../../../src/proxy/index.js";

type Handler = (request: Request, env?: unknown) => Promise<Response>;
interface Served {
  readonly port: number;
  stop(): Promise<void>;
}

const runtimes = globalThis as unknown as {
  Deno?: {
    env: { get(name: string): string | undefined };
    serve(options: { port: number; hostname: string; onListen?: () => void }, handler: Handler): {
      addr: { port: number };
      shutdown(): Promise<void>;
    };
  };
  Bun?: {
    env: Record<string, string | undefined>;
    serve(options: { port: number; hostname: string; fetch: Handler }): { port: number; stop(force?: boolean): Promise<void> | void };
  };
};

function serve(handler: Handler): { runtime: string; served: Served } {
  const { Deno, Bun } = runtimes;
  if (Deno) {
    const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => undefined }, handler);
    return { runtime: "deno", served: { port: server.addr.port, stop: () => server.shutdown() } };
  }
  if (Bun) {
    const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: handler });
    return { runtime: "bun", served: { port: server.port, stop: async () => void (await server.stop(true)) } };
  }
  throw new Error("run this script with Deno or Bun");
}

const key = runtimes.Deno?.env.get("LAMBDA_API_KEY") ?? runtimes.Bun?.env.LAMBDA_API_KEY ?? "";

/** The upstream: answers whether it got the key, and echoes every request header on /ssh-keys. */
const upstream: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const authorization = request.headers.get("authorization") ?? "";
  if (new URL(request.url).pathname.endsWith("/ssh-keys")) {
    const echoed = [...request.headers].map(([name, value]) => `${name}: ${value}`).join("; ");
    return Response.json({ error: { code: "echo", message: echoed } }, { status: 401, headers: { "x-request-id": authorization } });
  }
  return Response.json({ data: [{ keyReceived: authorization === `Bearer ${key}` }] });
};

const proxy = createLambdaProxy({ apiKey: fromEnv(), upstream: "https://upstream.test/api/v1", fetch: upstream });
const { runtime, served } = serve(proxy);
const base = `http://127.0.0.1:${served.port}`;
const passed: string[] = [];
const check = (name: string, ok: boolean) => {
  if (!ok) throw new Error(`check failed: ${name}`);
  passed.push(name);
};

try {
  const list = await fetch(`${base}/api/v1/instances`, { headers: { authorization: "Bearer browser-token" } });
  const listed = (await list.json()) as { data: { keyReceived: boolean }[] };
  check("a read is forwarded with the server's key", list.status === 200 && listed.data[0]?.keyReceived === true);
  check("answers carry no-store and nosniff", list.headers.get("cache-control") === "no-store" && list.headers.get("x-content-type-options") === "nosniff");

  const echo = await fetch(`${base}/api/v1/ssh-keys`);
  const echoText = `${JSON.stringify([...echo.headers])}${await echo.text()}`;
  check("an upstream echoing the key shows it nowhere", echo.status === 401 && !echoText.includes(key) && echoText.includes("[redacted]"));

  const traversal = await fetch(`${base}/api/v1//instances`);
  check("a doubled slash is refused before routing", traversal.status === 400 && ((await traversal.json()) as { error: { code: string } }).error.code === "proxy/route-not-allowed");

  const write = await fetch(`${base}/api/v1/instance-operations/launch`, { method: "POST", body: "{}" });
  await write.body?.cancel();
  check("a write is refused by a read-only proxy", write.status === 404);
  console.log(JSON.stringify({ ok: true, runtime, passed }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, runtime, error: String((error as Error).message) }));
} finally {
  await served.stop();
}
