// End to end in real headless Chromium (test/helpers/browser.ts, driven by playwright-core)
// against `wrangler dev` serving the sample Worker with the simulator upstream: the dashboard
// lists the simulator's instances, launches one and sees it become active, terminates it, and
// no API key ever reaches the browser. The Worker gets a random sentinel LAMBDA_API_KEY (the
// key the simulator accepts and the proxy sends), searched for in the page's HTML, its scripts,
// its storage, every network response the page saw, and wrangler's own output.
// Needs `npm run build` (package + dashboard). A screenshot goes to test-artifacts/.
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWranglerDev, type RunningWorker } from "../../scripts/wrangler-dev";
import { launchBrowser, skipBrowserSuites } from "../helpers/browser";

const root = fileURLToPath(new URL("../../", import.meta.url));
const artifacts = `${root}test-artifacts`;

const sentinelKey = `lc-sentinel-${randomUUID()}`;
const keyForms = [sentinelKey, Buffer.from(`${sentinelKey}:`).toString("base64"), encodeURIComponent(sentinelKey)];
const dashboardToken = randomBytes(32).toString("hex");

let worker: RunningWorker | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!existsSync(`${root}examples/worker/public/app.js`)) {
    throw new Error("The dashboard is not built: run `npm run build` (it builds the package and the dashboard).");
  }
  worker = await startWranglerDev({
    vars: { UPSTREAM: "simulator", SIMULATOR_BOOT_MS: "1500" },
    secrets: { LAMBDA_API_KEY: sentinelKey, DASHBOARD_TOKEN: dashboardToken },
  });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
}, 30_000);

/** Collects every response the page receives (status, headers, body) as text. */
function recordResponses(page: Page): () => Promise<string[]> {
  const pending: Promise<string>[] = [];
  page.on("response", (response) => {
    pending.push(
      (async () => {
        const headers = Object.entries(await response.allHeaders()).map(([name, value]) => `${name}: ${value}`);
        const body = await response.text().catch(() => "");
        return `${response.status()} ${response.url()}\n${headers.join("\n")}\n\n${body}`;
      })(),
    );
  });
  return () => Promise.all(pending);
}

function rowOf(page: Page, name: string) {
  return page.locator("tr[data-instance-id]", { hasText: name });
}

describe.skipIf(skipBrowserSuites)("the dashboard in headless Chromium", () => {
  it("lists the simulator's instances, launches one until active, terminates it, and never receives the key", async () => {
    const page = await (browser as Browser).newPage({ viewport: { width: 1360, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    const responses = recordResponses(page);
    const { origin } = worker as RunningWorker;

    await page.goto(`${origin}/#token=${dashboardToken}`);
    expect(new URL(page.url()).hash).toBe(""); // the token left the address bar

    // The simulator's seeded instances, and the simulator badge.
    await page.waitForSelector('tr[data-status="active"]:has-text("trainer")');
    await page.waitForSelector('tr[data-status="active"]:has-text("inference")');
    expect(await page.locator(".badge.sim").textContent()).toBe("Simulator");
    expect(await page.locator("#mode").isVisible()).toBe(true);
    expect(await page.locator("[data-ssh-key]").allTextContents()).toEqual([
      expect.stringContaining("laptop"),
      expect.stringContaining("ci-runner"),
    ]);
    expect(await page.locator("li.type").count()).toBeGreaterThanOrEqual(8);

    // Launch, and follow it to active.
    const name = `e2e-${randomUUID().slice(0, 8)}`;
    await page.selectOption('select[name="instance_type_name"]', "gpu_1x_a10");
    await page.selectOption('select[name="region_name"]', "us-west-1");
    await page.selectOption('select[name="ssh_key_name"]', "laptop");
    await page.fill('input[name="name"]', name);
    await page.click('form.launch button[type="submit"]');
    await page.waitForSelector(`tr[data-status="booting"]:has-text("${name}"), tr[data-status="active"]:has-text("${name}")`);
    await page.waitForSelector(`tr[data-status="active"]:has-text("${name}")`, { timeout: 30_000 });
    expect(await rowOf(page, name).locator("td.mono").textContent()).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}/dashboard.png`, fullPage: true });

    // Terminate (two clicks: arm, confirm) and see it go.
    await rowOf(page, name).locator('button[data-action="terminate"]').click();
    await rowOf(page, name).locator('button[data-action="terminate"]', { hasText: "Confirm terminate" }).click();
    await page.waitForSelector(`tr[data-instance-id]:has-text("${name}")`, { state: "detached", timeout: 30_000 });
    await page.waitForSelector(`.notice.success:has-text("${name} is terminated")`);
    expect(await rowOf(page, "trainer").count()).toBe(1);

    // No key anywhere the browser could see it.
    const html = await page.content();
    const storage = await page.evaluate(() => JSON.stringify({ session: { ...sessionStorage }, local: { ...localStorage }, cookie: document.cookie }));
    const seen = await responses();
    expect(seen.some((text) => text.includes("/app.js"))).toBe(true);
    expect(seen.some((text) => text.includes("/api/v1/instance-operations/launch"))).toBe(true);
    for (const text of [html, storage, ...seen, (worker as RunningWorker).output()]) {
      for (const form of keyForms) expect(text.includes(form)).toBe(false);
    }
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 90_000);

  it("stays locked without the dashboard token, refuses a wrong one, and unlocks with the right one", async () => {
    const page = await (browser as Browser).newPage();
    await page.goto((worker as RunningWorker).origin);
    await page.waitForSelector("form.unlock");
    expect(await page.locator(".badge.ro").textContent()).toBe("Locked");
    expect(await page.locator("tr[data-instance-id]").count()).toBe(0);

    await page.fill('form.unlock input[name="token"]', "0".repeat(64));
    await page.click('form.unlock button[type="submit"]');
    await page.waitForSelector('.notice.error:has-text("Token not accepted")');

    await page.fill('form.unlock input[name="token"]', dashboardToken);
    await page.click('form.unlock button[type="submit"]');
    await page.waitForSelector('tr[data-instance-id]:has-text("trainer")');
    expect(await page.locator(".badge.rw").textContent()).toBe("Launch & terminate enabled");
    expect(await page.locator("form.launch").count()).toBe(1);
    await page.close();
  }, 60_000);
});
