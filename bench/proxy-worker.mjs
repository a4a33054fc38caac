// The Worker that bench/proxy-overhead.mjs runs in workerd (through wrangler). GET
// /measure?variant=…&calls=… times, inside workerd, `calls` sequential reads of UPSTREAM/instances
// made one way, and answers the milliseconds:
//   direct:  fetch(UPSTREAM/instances) with the key, body read as text;
//   proxy:   the same read through createLambdaProxy (logging off);
// and, to split what the proxy adds, the steps of its handling of the answer, one more per variant:
//   passBody:  the upstream body passed on untouched in a new Response;
//   readWhole: the body read whole into one buffer (BYOB reads, as the proxy reads it), bytes passed on;
//   scan:      … and decoded and searched for every form of the key;
//   parse:     … and checked to be JSON with JSON.parse (the proxy's check until 2026-12-02);
//   check:     … and checked to be JSON on its bytes, as the proxy checks it now (isJsonBytes);
//   stream:    the body streamed through the key scrubber (createScrubStream), as the proxy passes
//              answers longer than 1 MiB: not read whole, not checked to be JSON.
// The client's side reads every answer as text. The runner alternates variants block by block,
// never call by call: workerd's clock advances only at I/O, so work done after a call's last I/O
// is counted at the next one, and within a block that is the same variant's next call.
import { inMemoryKey } from "lambda-cloud";
import { createLambdaProxy } from "lambda-cloud/proxy";
// Internal, so not in dist's exports: wrangler bundles the source file, the same code as dist's.
import { isJsonBytes } from "../src/proxy/json-syntax.ts";
import { createScrubStream } from "../src/proxy/scrub-stream.ts";

async function timeCalls(calls, call) {
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    const response = await call();
    if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`);
    await response.text();
  }
  return performance.now() - start;
}

/** The body read whole with BYOB reads into a buffer of its declared length and one byte more. */
async function readWhole(answer) {
  const reader = answer.body.getReader({ mode: "byob" });
  let buffer = new ArrayBuffer(Number(answer.headers.get("content-length")) + 1);
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read(new Uint8Array(buffer, total));
    buffer = value.buffer;
    total += value.byteLength;
    if (done) return new Uint8Array(buffer, 0, total);
    if (total === buffer.byteLength) throw new Error("the upstream sent more than it declared");
  }
}

const utf8 = new TextDecoder();
const JSON_HEADERS = { "content-type": "application/json" };

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const calls = Number(url.searchParams.get("calls") ?? 100);
    const name = url.searchParams.get("variant") ?? "direct";
    const forms = [env.API_KEY, btoa(`${env.API_KEY}:`)];
    const proxy = createLambdaProxy({ apiKey: inMemoryKey(env.API_KEY), upstream: env.UPSTREAM, log: false });
    const upstream = () =>
      fetch(`${env.UPSTREAM}/instances`, {
        headers: { authorization: `Bearer ${env.API_KEY}`, accept: "application/json" },
        redirect: "manual",
      });
    const handled = (steps) => async () => {
      const answer = await upstream();
      return new Response(await steps(answer), { status: answer.status, headers: JSON_HEADERS });
    };
    const scanned = (bytes) => {
      const text = utf8.decode(bytes);
      if (forms.some((form) => text.includes(form))) throw new Error("the fixture holds the key");
      return text;
    };
    const variants = {
      direct: upstream,
      passBody: handled((answer) => answer.body),
      readWhole: handled(readWhole),
      scan: handled(async (answer) => {
        const bytes = await readWhole(answer);
        scanned(bytes);
        return bytes;
      }),
      parse: handled(async (answer) => {
        const bytes = await readWhole(answer);
        JSON.parse(scanned(bytes));
        return bytes;
      }),
      check: handled(async (answer) => {
        const bytes = await readWhole(answer);
        if (!isJsonBytes(bytes)) throw new Error("the fixture is not JSON");
        scanned(bytes);
        return bytes;
      }),
      stream: handled((answer) => answer.body.pipeThrough(createScrubStream(forms))),
      proxy: () =>
        proxy(new Request("https://proxy.example/api/v1/instances", { headers: { accept: "application/json" } })),
    };
    if (!(name in variants)) return new Response(`unknown variant: ${name}`, { status: 400 });
    return Response.json({ ms: await timeCalls(calls, variants[name]) });
  },
};
