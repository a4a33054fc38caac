// End to end in real headless Chromium (test/helpers/browser.ts, driven by playwright-core)
// against `wrangler dev` serving the sample Worker with the simulator upstream, at desktop and
// phone sizes (390 and 360 px), with a screenshot of each main state (see ./screens.ts).
// The everyday tasks: launch (control returns at once; the row shows progress; a name typed
// meanwhile is kept), details, restart, terminate, SSH keys (generate with a one-time private
// key and a download, delete), filesystems (create, delete); every write carries its own
// Idempotency-Key; the Worker refuses each of those writes without the token; a sold-out region
// stops being offered; wrong tokens are explained; the instance list is live and the audit trail
// shows the writes (both from the Worker's gateway; the test also accepts the fallbacks of a
// Worker without one); and no API key ever reaches the browser, nor the live feed as sent. The Worker gets a random sentinel LAMBDA_API_KEY (the key the simulator accepts and the
// proxy sends), searched for in the page's HTML, storage, every response and wrangler's output.
// Needs `npm run build` (package + dashboard).
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Request as BrowserRequest, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningWorker, startWranglerDev } from "../../scripts/wrangler-dev";
import { operationRoutes } from "../../src/operations";
import { launchBrowser, skipBrowserSuites } from "../helpers/browser";
import { horizontalOverflow, openPage, SCREENS, screenshot } from "./screens";

const root = fileURLToPath(new URL("../../", import.meta.url));
const sentinelKey = `lc-sentinel-${randomUUID()}`;
const keyForms = [sentinelKey, Buffer.from(`${sentinelKey}:`).toString("base64"), encodeURIComponent(sentinelKey)];
const dashboardToken = randomBytes(32).toString("hex");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let worker: RunningWorker;
let browser: Browser;

beforeAll(async () => {
  if (skipBrowserSuites) return;
  if (!existsSync(`${root}examples/worker/public/app.js`)) {
    throw new Error("The dashboard is not built: run `npm run build` (it builds the package and the dashboard).");
  }
  worker = await startWranglerDev({
    vars: { UPSTREAM: "simulator", SIMULATOR_BOOT_MS: "6000" },
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
        // An open event stream never ends, so its body cannot be read here: see liveFeedAsSent().
        const streaming = (await response.headerValue("content-type"))?.startsWith("text/event-stream") === true;
        const body = streaming ? "" : await response.text().catch(() => "");
        return `${response.status()} ${response.url()}\n${headers.join("\n")}\n\n${body}`;
      })(),
    );
  });
  return () => Promise.all(pending);
}

/** The live feed as the Worker sends it, up to its first `instances` event (status line included). */
async function liveFeedAsSent(): Promise<string> {
  const response = await fetch(`${worker.origin}/api/live/instances`, {
    headers: { authorization: `Bearer ${dashboardToken}` },
    signal: AbortSignal.timeout(20_000),
  });
  let text = `${response.status}\n`;
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  while (reader && !/event: instances\r?\ndata: .*\r?\n\r?\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader?.cancel();
  return text;
}

/** The API writes the page sends (POST, PUT, PATCH, DELETE under /api/v1/). */
function recordWrites(page: Page): BrowserRequest[] {
  const writes: BrowserRequest[] = [];
  page.on("request", (request) => {
    if (request.method() !== "GET" && new URL(request.url()).pathname.startsWith("/api/v1/")) writes.push(request);
  });
  return writes;
}

/** The status the Worker answered for a path, as the page saw it. */
function statusOf(page: Page, pathname: string): Promise<number> {
  return page
    .waitForResponse((response) => new URL(response.url()).pathname === pathname)
    .then((response) => response.status());
}

async function unlocked(page: Page): Promise<void> {
  await page.goto(`${worker.origin}/#token=${dashboardToken}`);
  await page.waitForSelector('tr[data-status="active"]:has-text("trainer")');
}

function rowOf(page: Page, name: string) {
  return page.locator("tr[data-instance-id]", { hasText: name });
}

/** Clicks a two-step button: arm, then confirm. */
async function confirmClick(page: Page, scope: string, action: string): Promise<void> {
  await page.locator(`${scope} button[data-action="${action}"]`).click();
  await page.locator(`${scope} button[data-action="${action}"].confirm`).click();
}

describe.skipIf(skipBrowserSuites)("the dashboard in headless Chromium", () => {
  it("desktop: launches without blocking, shows progress and details, restarts, manages keys and filesystems, terminates; every write has its own Idempotency-Key; no key reaches the browser", async (context) => {
    const page = await openPage(browser, "desktop");
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    const responses = recordResponses(page);
    const writes = recordWrites(page);
    const liveStatus = statusOf(page, "/api/live/instances");
    const auditStatus = statusOf(page, "/api/audit");

    await unlocked(page);
    expect(new URL(page.url()).hash).toBe(""); // the token left the address bar
    expect(await page.locator(".badge.sim").textContent()).toBe("Simulator");
    await page.waitForSelector('[data-ssh-key="ci-runner"]');
    await page.waitForSelector("#types li.type");
    expect(await page.locator("[data-ssh-key]").allTextContents()).toEqual([
      expect.stringContaining("laptop"),
      expect.stringContaining("ci-runner"),
    ]);
    expect(await page.locator("li.type").count()).toBeGreaterThanOrEqual(8);
    await page.waitForSelector("#instances-updated:has-text('Updated')");
    await screenshot(page, context, "desktop", "loaded");

    // Launch: control comes back at once, and a name typed while it boots stays.
    const name = `e2e-${randomUUID().slice(0, 8)}`;
    await page.click("button.launch-toggle");
    await page.selectOption('select[name="instance_type_name"]', "gpu_1x_a10");
    await page.selectOption('select[name="region_name"]', "us-west-1");
    await page.selectOption('select[name="ssh_key_name"]', "laptop");
    await page.fill('input[name="name"]', name);
    await page.click('form.launch button[type="submit"]');
    expect(await page.inputValue('input[name="name"]')).toBe("");
    await page.fill('input[name="name"]', "typed-meanwhile");
    expect(await page.locator('form.launch button[type="submit"]').isEnabled()).toBe(true);
    const progress = page.locator(
      `tr[data-status="booting"]:has-text("${name}") .progress, tr[data-status="requested"]:has-text("${name}") .progress`,
    );
    await progress.first().waitFor();
    expect(await progress.first().textContent()).toMatch(/^\d+:\d\d elapsed · usually 2–4 min$/);
    await screenshot(page, context, "desktop", "launching");
    await page.waitForSelector(`tr[data-status="active"]:has-text("${name}")`, { timeout: 30_000 });
    await page.waitForSelector(`.notice.success:has-text("${name} is active")`);
    expect(await page.inputValue('input[name="name"]')).toBe("typed-meanwhile");
    expect(await rowOf(page, name).locator('td[data-label="IP"]').textContent()).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    // Details: private IP, Jupyter link, filesystems, tags.
    await rowOf(page, name).locator('button[data-action="details"]').click();
    const details = page.locator("tr.details").first();
    expect(await details.textContent()).toMatch(/Private IP\s*\d+\.\d+\.\d+\.\d+/);
    expect(await details.locator("a", { hasText: "Open JupyterLab" }).getAttribute("href")).toMatch(/^https:\/\//);
    expect(await details.textContent()).toContain("Filesystems");
    expect(await details.textContent()).toContain("Tags");
    await screenshot(page, context, "desktop", "details");

    // Restart.
    await confirmClick(page, `tr[data-instance-id]:has-text("${name}")`, "restart");
    await page.waitForSelector(`.notice.info:has-text("Restarting ${name}")`);

    // SSH keys: generate (private key shown once, downloadable), then delete.
    const keyName = `e2e-key-${randomUUID().slice(0, 6)}`;
    await page.fill('input[name="ssh_key_name"]', keyName);
    await page.click('form[aria-label="Add an SSH key"] button[type="submit"]');
    await page.waitForSelector(".generated-key");
    const privateKey = await page.locator(".generated-key textarea").inputValue();
    expect(privateKey).toContain("PRIVATE KEY");
    await screenshot(page, context, "desktop", "generated-key");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click('a[data-action="download-private-key"]'),
    ]);
    expect(download.suggestedFilename()).toBe(`${keyName}.pem`);
    expect(readFileSync(await download.path(), "utf8").trim()).toBe(privateKey.trim());
    await page.click(".generated-key button:has-text('I saved it')");
    expect(await page.locator(".generated-key").count()).toBe(0);
    await page.waitForSelector(`[data-ssh-key="${keyName}"]`);
    await confirmClick(page, `[data-ssh-key="${keyName}"]`, "delete-ssh-key");
    await page.waitForSelector(`[data-ssh-key="${keyName}"]`, { state: "detached" });

    // Filesystems: create, then delete.
    const filesystem = `e2e-fs-${randomUUID().slice(0, 6)}`;
    await page.fill('input[name="filesystem_name"]', filesystem);
    await page.click('form[aria-label="Create a filesystem"] button[type="submit"]');
    await page.waitForSelector(`[data-filesystem="${filesystem}"]`);
    await confirmClick(page, `[data-filesystem="${filesystem}"]`, "delete-filesystem");
    await page.waitForSelector(`[data-filesystem="${filesystem}"]`, { state: "detached" });

    // Terminate and see it go.
    await confirmClick(page, `tr[data-instance-id]:has-text("${name}")`, "terminate");
    await page.waitForSelector(`.notice.success:has-text("${name} is terminated")`, { timeout: 30_000 });
    await page.waitForSelector(`tr[data-instance-id]:has-text("${name}")`, { state: "detached" });

    // Every write carried a fresh Idempotency-Key: seven actions, seven keys.
    const keys = await Promise.all(writes.map(async (request) => (await request.allHeaders())["idempotency-key"]));
    expect(keys.every((key) => key !== undefined && UUID.test(key))).toBe(true);
    expect(new Set(keys).size).toBe(7);

    // Without a gateway (404) the list is polled and the audit panel says why it is empty; with one, the list is live and the trail shows the writes.
    if ((await liveStatus) === 404) expect(await page.locator("#instances-updated").textContent()).toMatch(/^Updated /);
    else expect(await page.locator("#instances-updated").textContent()).toMatch(/^Live /);
    if ((await auditStatus) === 404)
      expect(await page.locator("#audit").textContent()).toContain("No audit trail here");
    else expect(await page.locator("#audit").textContent()).toContain("launchInstance");
    await screenshot(page, context, "desktop", "after-tasks");

    // No key anywhere the browser could see it.
    const html = await page.content();
    const storage = await page.evaluate(() =>
      JSON.stringify({ session: { ...sessionStorage }, local: { ...localStorage }, cookie: document.cookie }),
    );
    const seen = await responses();
    expect(seen.some((text) => text.includes("/api/v1/instance-operations/launch"))).toBe(true);
    const live = (await liveStatus) === 404 ? "" : await liveFeedAsSent();
    if (live !== "") expect(live).toMatch(/^200\n[\s\S]*event: instances\r?\ndata: \{"data":\[/);
    for (const text of [html, storage, ...seen, live, worker.output()]) {
      for (const form of keyForms) expect(text.includes(form)).toBe(false);
    }
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it.for(["phone390", "phone360"] as const)(
    "%s: no horizontal scrolling; instances are cards; the launch form and details fit",
    { timeout: 60_000 },
    async (screen, context) => {
      const page = await openPage(browser, screen);
      const { width } = SCREENS[screen];
      await unlocked(page);
      await page.waitForSelector("#types li.type");
      await page.waitForSelector('[data-ssh-key="laptop"]');
      await page.waitForSelector("#filesystems-updated:has-text('Updated')");
      expect(await horizontalOverflow(page, width)).toEqual([]);
      expect(await page.locator("table.instance-list thead").isVisible()).toBe(false);
      const card = await rowOf(page, "trainer").boundingBox();
      expect(card?.width).toBeLessThanOrEqual(width);
      await screenshot(page, context, screen, "loaded");

      await page.click("button.launch-toggle");
      await rowOf(page, "trainer").locator('button[data-action="details"]').click();
      await page.waitForSelector("tr.details");
      expect(await horizontalOverflow(page, width)).toEqual([]);
      await screenshot(page, context, screen, "launch-form-and-details");
      await page.close();
    },
  );

  it("says a wrong token link was not accepted and where a valid one comes from, does not stack the notice, and clears it on unlock", async (context) => {
    const page = await openPage(browser, "phone360");
    await page.goto(`${worker.origin}/#token=${"0".repeat(64)}`);
    await page.waitForSelector("form.unlock");
    const notice = page.locator('.notice.error:has-text("Token not accepted")');
    await notice.waitFor();
    expect(await notice.textContent()).toContain("npm start");
    expect(await page.locator(".badge.ro").textContent()).toBe("Locked");
    expect(await page.locator("tr[data-instance-id]").count()).toBe(0);
    expect(await horizontalOverflow(page, SCREENS.phone360.width)).toEqual([]);
    await screenshot(page, context, "phone360", "token-not-accepted");

    await page.fill('form.unlock input[name="token"]', "1".repeat(64));
    const refused = statusOf(page, "/api/session");
    await page.click('form.unlock button[type="submit"]');
    expect(await refused).toBe(200);
    await page.waitForSelector("form.unlock");
    expect(await page.locator(".badge.ro").textContent()).toBe("Locked");
    expect(await notice.count()).toBe(1);

    await page.fill('form.unlock input[name="token"]', dashboardToken);
    await page.click('form.unlock button[type="submit"]');
    await page.waitForSelector('tr[data-instance-id]:has-text("trainer")');
    expect(await notice.count()).toBe(0);
    expect(await page.locator(".badge.rw").textContent()).toBe("Writes enabled");
    await page.close();
  }, 60_000);

  it.for([
    "launchInstance",
    "restartInstance",
    "terminateInstance",
    "addSSHKey",
    "deleteSSHKey",
    "createFilesystem",
    "filesystemDelete",
  ] as const)(
    "refuses %s, a write the dashboard offers, without the dashboard token (401) or with a wrong one (403)",
    async (id) => {
      const route: { method: string; path: string; hasBody?: boolean } = operationRoutes[id];
      const url = `${worker.origin}/api/v1${route.path.replace(/\{\w+\}/g, "0".repeat(32))}`;
      for (const [authorization, status] of [
        [undefined, 401],
        [`Bearer ${"0".repeat(64)}`, 403],
      ] as const) {
        const answer = await fetch(url, {
          method: route.method,
          headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
          ...(route.hasBody ? { body: "{}" } : {}),
        });
        expect(answer.status).toBe(status);
        expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("proxy/unauthorized");
      }
    },
  );

  it("stops offering a region once a launch there fails for capacity", async (context) => {
    const page = await openPage(browser, "desktop");
    await unlocked(page);
    await page.click("button.launch-toggle");
    await page.selectOption('select[name="instance_type_name"]', "gpu_1x_h100_pcie");
    const regions = () =>
      page
        .locator('select[name="region_name"] option')
        .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(await regions()).toContain("us-east-1");
    await page.selectOption('select[name="region_name"]', "us-east-1");

    // Someone else takes the last unit in us-east-1 (the seed pins 2; "inference" uses one).
    const taken = await fetch(`${worker.origin}/api/v1/instance-operations/launch`, {
      method: "POST",
      headers: { authorization: `Bearer ${dashboardToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        instance_type_name: "gpu_1x_h100_pcie",
        region_name: "us-east-1",
        ssh_key_names: ["laptop"],
        name: "elsewhere",
      }),
    });
    expect(taken.status).toBe(200);

    await page.click('form.launch button[type="submit"]');
    await page.waitForSelector('.notice.error:has-text("No capacity")');
    await expect
      .poll(() => page.locator('li.type[data-type="gpu_1x_h100_pcie"] .chip').allTextContents())
      .not.toContain("us-east-1");
    if (
      await page.locator('select[name="instance_type_name"] option[value="gpu_1x_h100_pcie"]:not([disabled])').count()
    ) {
      await page.selectOption('select[name="instance_type_name"]', "gpu_1x_h100_pcie");
      expect(await regions()).not.toContain("us-east-1");
    }
    await screenshot(page, context, "desktop", "capacity-error");
    await page.close();
  }, 60_000);

  it("starts a capacity watch that launches once and links to its instance, cancels another, and refuses both writes without the token", async (context) => {
    const page = await openPage(browser, "desktop");
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await unlocked(page);
    await page.waitForSelector('form[aria-label="Start a watch"] select[name="watch_ssh_key"] option[value="laptop"]', {
      state: "attached",
    });

    // One that finds capacity at once (the demo has A10s in us-west-1) ...
    const name = `e2e-watch-${randomUUID().slice(0, 6)}`;
    await page.fill('input[name="watch_types"]', "gpu_1x_a10");
    await page.fill('input[name="watch_regions"]', "us-west-1");
    await page.fill('input[name="watch_name"]', name);
    await page.click('form[aria-label="Start a watch"] button[type="submit"]');
    const launched = page.locator('li.watch[data-state="launched"]', { hasText: name });
    await launched.waitFor({ timeout: 60_000 });
    expect(await launched.textContent()).toMatch(/1 poll · saw gpu_1x_a10 in us-west-1/);
    await launched.locator("a").click();
    await page.waitForSelector(`tr[data-instance-id]:has-text("${name}")`);
    expect(await page.locator("tr[data-instance-id]", { hasText: name }).count()).toBe(1);

    // ... and one under a price nothing has, cancelled while it watches.
    await page.fill('input[name="watch_types"]', "gpu_8x_b200_sxm6");
    await page.fill('input[name="watch_regions"]', "");
    await page.fill('input[name="watch_max_price"]', "0.01");
    await page.fill('input[name="watch_name"]', "never-cheap-enough");
    await page.click('form[aria-label="Start a watch"] button[type="submit"]');
    const waiting = page.locator('li.watch[data-state="watching"]', { hasText: "never-cheap-enough" });
    await waiting.locator("text=saw nothing matching").waitFor({ timeout: 30_000 });
    await screenshot(page, context, "desktop", "watches");
    await waiting.locator('button[data-action="cancel-watch"]').click();
    await page.locator('li.watch[data-state="cancelled"]', { hasText: "never-cheap-enough" }).waitFor();

    for (const [authorization, status] of [
      [undefined, 401],
      [`Bearer ${"0".repeat(64)}`, 403],
    ] as const) {
      const headers = { "content-type": "application/json", ...(authorization ? { authorization } : {}) };
      expect((await fetch(`${worker.origin}/api/watches`, { method: "POST", headers, body: "{}" })).status).toBe(
        status,
      );
      expect((await fetch(`${worker.origin}/api/watches/0`, { method: "DELETE", headers })).status).toBe(status);
    }
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 120_000);
});
