// The runtime matrix in happy-dom: the scenario's client runs in a DOM environment with the
// DOM's fetch, holds no API key, and calls the proxy (createLambdaProxy in front of the
// simulator) on 127.0.0.1: another origin, so the proxy must answer CORS preflights, as for
// a dashboard in a browser. The server side runs in its own Node process (proxy-host.mjs).
import { request } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { adminControl } from "../runtimes/admin-control";
import { node24, type RunningProcess, startProcess } from "../runtimes/commands";
import { runScenario } from "../runtimes/scenario";
import { SCENARIO_CHECK_COUNT } from "../runtimes/scenario-checks";

const apiKey = `lc-sentinel-${crypto.randomUUID()}`;
const token = `token-${crypto.randomUUID()}`;
const AUDIT_PAGE_SIZE = 2;
let host: RunningProcess;
let urls: { proxy: string; simulator: string };

beforeAll(async () => {
  host = await startProcess(
    node24(),
    ["test/dom/proxy-host.mjs", location.origin, String(AUDIT_PAGE_SIZE)],
    /^\{"proxy"/,
    {
      env: { LAMBDA_API_KEY: apiKey, PROXY_TOKEN: token },
    },
  );
  urls = JSON.parse(host.readyLine) as typeof urls;
}, 30_000);

afterAll(async () => {
  await host.stop();
});

/** POST with Node's http: the DOM's fetch would hold the control API to CORS. */
function postWithNodeHttp(url: URL, body: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const call = request(url, { method: "POST", headers: { "content-type": "application/json" } }, (response) => {
      response.resume();
      response.on("end", () =>
        response.statusCode === 200 ? resolve() : reject(new Error(`${url.pathname} answered ${response.statusCode}`)),
      );
    });
    call.on("error", reject);
    call.end(JSON.stringify(body));
  });
}

it("happy-dom: the scenario passes every check through the proxy, from another origin, without the key", async () => {
  expect(navigator.userAgent).toContain("HappyDOM");
  const report = await runScenario({
    runtime: "happy-dom",
    client: { baseUrl: urls.proxy, apiKey: token },
    control: adminControl(urls.simulator, postWithNodeHttp),
    auditPageSize: AUDIT_PAGE_SIZE,
  });
  console.log(report.summary);
  expect(report.passed).toHaveLength(SCENARIO_CHECK_COUNT);
  expect(report.summary).toBe(`happy-dom: ${SCENARIO_CHECK_COUNT} checks passed`);
  expect(host.output().includes(apiKey), "the key appeared in the server's output").toBe(false);
});
