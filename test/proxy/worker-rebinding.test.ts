// DNS rebinding against the sample Worker as `npm start` serves it: `wrangler dev` on 127.0.0.1,
// the simulator behind it, no key and no setup. A page on rebind.attacker.example whose name now
// resolves to 127.0.0.1 sends its own Host and a matching Origin; the Worker must answer 421.
// Raw HTTP over node:net, since fetch cannot set Host. Needs `npm run build` (the Worker imports
// the built package).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningWorker, startWranglerDev } from "../../scripts/wrangler-dev";
import { sendRaw } from "./node-server";

let worker: RunningWorker;
let port: number;
beforeAll(async () => {
  worker = await startWranglerDev({ vars: { ALLOWED_HOSTS: "dash.example.com" } });
  port = Number(new URL(worker.origin).port);
}, 120_000);
afterAll(() => worker?.stop());

/** A same-origin read as a page on `host` sends it. */
const readFrom = (host: string) =>
  sendRaw(port, `GET /api/v1/instance-types HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}`);

describe("the sample Worker under wrangler dev", () => {
  it("answers 421 proxy/host-not-allowed to a rebinding Host with a matching Origin, saying to list the name in ALLOWED_HOSTS", async () => {
    for (const host of [`rebind.attacker.example:${port}`, `dash.example.com.attacker.example:${port}`]) {
      const answer = await readFrom(host);
      expect(answer.status, host).toBe(421);
      const { error } = JSON.parse(answer.body) as { error: { code: string; suggestion: string } };
      expect(error.code).toBe("proxy/host-not-allowed");
      expect(error.suggestion).toContain("ALLOWED_HOSTS");
    }
  }, 60_000);

  it("serves its own address, localhost, a workers.dev name and the ALLOWED_HOSTS name, same-origin", async () => {
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      "my-dash.me.workers.dev",
      `dash.example.com:${port}`,
    ]) {
      const answer = await readFrom(host);
      expect(answer.status, `${host}: ${answer.body}`).toBe(200);
      expect(Object.keys((JSON.parse(answer.body) as { data: object }).data), host).toContain("gpu_1x_a10");
    }
  }, 60_000);
});
