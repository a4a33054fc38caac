// The "workerd-hostile" vitest project: the client's hostile-upstream battery inside workerd,
// with the built package (run `npm run build` first). The hostile upstream is a real node:http
// server started here, in Node; every fetch the client makes in workerd reaches miniflare's
// outboundService below, which relays it to that server byte for byte (status line, headers,
// still-encoded body), so workerd itself parses and decodes the hostile answers.
import { existsSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { fileURLToPath } from "node:url";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";
import { startHostileUpstream } from "../../helpers/hostile-upstream.ts";

process.env.WRANGLER_SEND_METRICS ??= "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";

const root = fileURLToPath(new URL("../../../", import.meta.url));
if (!existsSync(`${root}dist/index.js`))
  throw new Error("test/workers/hostile needs dist/index.js: run `npm run build` first.");

const upstream = await startHostileUpstream({ unref: true });

/** Relays one request to the hostile upstream without decoding anything; a broken answer becomes a network error in workerd. */
function relay(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.origin !== upstream.origin)
    return Promise.resolve(new Response(`Only ${upstream.origin} is reachable in this suite.`, { status: 502 }));
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      { method: request.method, headers: Object.fromEntries(request.headers) },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("error", reject);
        incoming.on("end", () => {
          const headers = new Headers();
          for (let i = 0; i < incoming.rawHeaders.length; i += 2)
            headers.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
          const status = incoming.statusCode ?? 502;
          const body = status === 204 || status === 304 || chunks.length === 0 ? null : Buffer.concat(chunks);
          resolve(new Response(body, { status, statusText: incoming.statusMessage ?? "", headers }));
        });
      },
    );
    outgoing.on("error", reject);
    request.arrayBuffer().then((body) => outgoing.end(Buffer.from(body)), reject);
  });
}

export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: fileURLToPath(new URL("./wrangler.jsonc", import.meta.url)) },
      miniflare: {
        bindings: { HOSTILE_ORIGIN: upstream.origin, HOSTILE_KEY: upstream.key },
        outboundService: relay,
      },
    }),
  ],
  test: {
    name: "workerd-hostile",
    include: ["**/*.test.ts"],
  },
});
