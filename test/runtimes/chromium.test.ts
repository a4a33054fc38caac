// The runtime matrix in headless Chromium (test/helpers/browser.ts, through playwright-core):
// the scenario, bundled for the browser with the built package, runs in a page served from the
// origin of `wrangler dev` (the sample Worker, proxy in front of a simulator served from here),
// so the page calls the proxy the way the dashboard does: same origin, a dashboard token, no key.

import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { build } from "esbuild";
import { createSimulator, type ServedSimulator, serve } from "lambda-cloud/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningWorker, startWranglerDev } from "../../scripts/wrangler-dev";
import { launchBrowser, skipBrowserSuites } from "../helpers/browser";
import type { BrowserScenarioConfig } from "./browser-entry";
import { repoRoot } from "./commands";
import { SCENARIO_CHECK_COUNT } from "./scenario-checks";

/** Where the test page lives: a path the Worker does not serve, answered by the test itself. */
const PAGE_PATH = "/__runtime-scenario/";
const AUDIT_PAGE_SIZE = 2;

const apiKey = `lc-sentinel-${crypto.randomUUID()}`;
const token = randomBytes(32).toString("hex");
let simulator: ReturnType<typeof createSimulator>;
let served: ServedSimulator | undefined;
let worker: RunningWorker | undefined;
let browser: Browser | undefined;
let bundle: string;

beforeAll(async () => {
  const built = await build({
    entryPoints: [join(repoRoot, "test/runtimes/browser-entry.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  bundle = built.outputFiles[0]!.text;
  simulator = createSimulator({ apiKeys: [apiKey], clock: "manual", bootMs: 60_000, pageSize: AUDIT_PAGE_SIZE });
  served = await serve(simulator, { port: 0 });
  worker = await startWranglerDev({
    vars: { UPSTREAM: served.url },
    secrets: { LAMBDA_API_KEY: apiKey, DASHBOARD_TOKEN: token },
  });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await served?.close();
}, 30_000);

it.skipIf(skipBrowserSuites)(
  "chromium: the scenario passes every check through the sample Worker's proxy, and the page never sees the key",
  async () => {
    const page = await browser!.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    const seen: Promise<string>[] = [];
    page.on("response", (response) =>
      seen.push(
        response.text().then(
          (body) => `${JSON.stringify(response.headers())}\n${body}`,
          () => "",
        ),
      ),
    );
    await page.route(`${worker!.origin}${PAGE_PATH}**`, (route) => {
      const isScript = route.request().url().endsWith(".js");
      return route.fulfill(
        isScript
          ? { contentType: "text/javascript", body: bundle }
          : {
              contentType: "text/html",
              body: '<!doctype html><meta charset="utf-8"><title>runtime scenario</title><script type="module" src="scenario.js"></script>',
            },
      );
    });
    await page.exposeFunction("simulatorSetCapacity", (type: string, region: string, units: number | null) =>
      simulator.state.setCapacity(type, region, units ?? undefined),
    );
    await page.exposeFunction("simulatorAdvance", (ms: number) => simulator.clock.advance(ms));
    await page.goto(`${worker!.origin}${PAGE_PATH}index.html`);
    await page.waitForFunction(() => typeof window.runRuntimeScenario === "function");

    const config: BrowserScenarioConfig = {
      runtime: "chromium",
      baseUrl: `${worker!.origin}/api/v1`,
      token,
      auditPageSize: AUDIT_PAGE_SIZE,
    };
    const report = await page.evaluate((scenarioConfig) => window.runRuntimeScenario(scenarioConfig), config);
    console.log(report.summary);
    expect(report.passed).toHaveLength(SCENARIO_CHECK_COUNT);
    expect(report.summary).toBe(`chromium: ${SCENARIO_CHECK_COUNT} checks passed`);
    expect(pageErrors).toEqual([]);
    for (const text of [...(await Promise.all(seen)), await page.content(), worker!.output()]) {
      expect(text.includes(apiKey), "the API key reached the page or wrangler's output").toBe(false);
    }
    await page.close();
  },
  120_000,
);
