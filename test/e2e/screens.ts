// Screen sizes, screenshots and layout checks for the dashboard's browser suite. Screenshots are
// written to test-artifacts/ (git-ignored), attached to the test with vitest's
// `context.annotate` (so reporters list them; vitest copies them to .vitest/attachments/), and
// their paths printed.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import type { TestContext } from "vitest";

const artifacts = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));

/** The sizes the dashboard is held to: a desktop and two phones (the narrowest supported is 360 px). */
export const SCREENS = {
  desktop: { width: 1360, height: 900, mobile: false },
  phone390: { width: 390, height: 844, mobile: true },
  phone360: { width: 360, height: 740, mobile: true },
} as const;

/** A screen's name. */
export type ScreenName = keyof typeof SCREENS;

/** A new page of the given size (phones with touch and the mobile viewport, as a phone's Chromium renders). */
export function openPage(browser: Browser, screen: ScreenName): Promise<Page> {
  const { width, height, mobile } = SCREENS[screen];
  return browser.newPage({
    viewport: { width, height },
    isMobile: mobile,
    hasTouch: mobile,
    deviceScaleFactor: mobile ? 2 : 1,
  });
}

/** Saves a full-page screenshot as test-artifacts/dashboard-<screen>-<state>.png and attaches it to the test. */
export async function screenshot(page: Page, context: TestContext, screen: ScreenName, state: string): Promise<string> {
  mkdirSync(artifacts, { recursive: true });
  const path = `${artifacts}dashboard-${screen}-${state}.png`;
  await page.screenshot({ path, fullPage: true });
  await context.annotate(`screenshot: ${screen}, ${state}`, "screenshot", { path, contentType: "image/png" });
  console.log(`screenshot (${screen}, ${state}): ${path}`);
  return path;
}

/**
 * What sticks out past the right edge of a `width`-pixel screen: the document's scroll width if
 * it is wider, and the first few visible elements whose box ends beyond the edge.
 */
export function horizontalOverflow(page: Page, width: number): Promise<string[]> {
  return page.evaluate((screenWidth) => {
    const found: string[] = [];
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > screenWidth) found.push(`document is ${scrollWidth} px wide`);
    for (const element of document.body.querySelectorAll<HTMLElement>("*")) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.right <= screenWidth + 0.5) continue;
      const described = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${[...element.classList].join(".")}`;
      found.push(`${described} ends at ${Math.round(box.right)} px`);
      if (found.length >= 6) break;
    }
    return found;
  }, width);
}
