// `npm start`: the sample Worker and its dashboard on http://127.0.0.1:8787 (PORT=… to change),
// offline, against the in-process simulator, with launch and terminate enabled for this run only.
//
// Writes are enabled the same way as in production, through the DASHBOARD_TOKEN authorizer:
// a fresh random token is made for each run, handed to wrangler in a private temporary file,
// and printed in the URL's fragment (#token=…), which browsers never send to servers. There is
// no "dev mode" switch that could be left on in a deployment, and nothing is written to the
// repository. Stop with Ctrl+C.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startWranglerDev } from "./wrangler-dev.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
if (!existsSync(`${root}dist/index.js`) || !existsSync(`${root}examples/worker/public/app.js`)) {
  console.error("npm start: the package or the dashboard is not built. Run `npm run build` (npm start does it first).");
  process.exit(1);
}

const port = Number(process.env.PORT ?? 8787);
const token = randomBytes(32).toString("hex");
console.log(`Starting the sample Worker on http://127.0.0.1:${port} (simulator upstream, offline)…`);
const worker = await startWranglerDev({
  port,
  output: "inherit",
  vars: { UPSTREAM: "simulator" },
  secrets: { DASHBOARD_TOKEN: token },
}).catch((error: unknown) => {
  console.error(`npm start: ${(error as Error).message}`);
  process.exit(1);
});
console.log(`
  Dashboard:  ${worker.origin}/#token=${token}
              (this run's dashboard token is in the link; without it the dashboard is locked)
  API:        ${worker.origin}/api/v1/instances   (send: Authorization: Bearer <token>)

  Upstream: the in-process simulator. Press Ctrl+C to stop.
`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void worker.stop().then(() => process.exit(0));
  });
}
