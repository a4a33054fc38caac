/**
 * The headless Chromium that the browser suites drive through playwright-core. A Chromium
 * already on the machine wins (`CHROME_PATH`, a system package, or Playwright's own download);
 * otherwise the one inside the `@sparticuz/chromium` devDependency (Linux x64), so that
 * `npm ci` is the only set-up a machine needs. Where none can run (another OS or CPU with no
 * Chromium installed), the suites skip with the reason, except in CI (`CI=true`), where they
 * run and fail with it.
 *
 * @example
 * describe.skipIf(skipBrowserSuites)("the dashboard", () => {
 *   let browser: Browser;
 *   beforeAll(async () => { browser = await launchBrowser(); });
 *   afterAll(() => browser?.close());
 * });
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { type Browser, chromium } from "playwright-core";

/** Flags for an installed Chromium: headless in a container, and nothing fetched from the network. */
const INSTALLED_CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Flags of `chromium.args` (from `@sparticuz/chromium`, tuned for AWS Lambda) left out here:
 * `--single-process` ends the whole browser when a test closes its page, and the other two make
 * a page laxer than a user's browser (no same-origin policy, mixed content allowed), which
 * would hide CORS bugs.
 */
const UNWANTED_NPM_CHROMIUM_ARGS = new Set([
  "--single-process",
  "--disable-web-security",
  "--allow-running-insecure-content",
]);

/** Where system packages put Chromium or Chrome, by platform. */
const SYSTEM_CHROMIUM_PATHS: Partial<Record<NodeJS.Platform, readonly string[]>> = {
  linux: ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome-stable", "/usr/bin/google-chrome"],
  darwin: [
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  ],
};

/** The package's Chromium is an x64 Linux build. */
const NPM_CHROMIUM_PLATFORM = "linux/x64";

/** Where the package's Chromium is unpacked: inside node_modules, so `rm -rf node_modules` removes it too. */
const CACHE_DIR = fileURLToPath(new URL("../../node_modules/.cache/lambda-cloud-browser/", import.meta.url));

type ChromiumSource =
  | { readonly kind: "installed"; readonly executablePath: string }
  | { readonly kind: "npm"; readonly entry: string }
  | { readonly kind: "none"; readonly reason: string };

function findChromium(): ChromiumSource {
  const chromePath = process.env.CHROME_PATH;
  if (chromePath) {
    return existsSync(chromePath)
      ? { kind: "installed", executablePath: chromePath }
      : {
          kind: "none",
          reason: `CHROME_PATH is ${chromePath}, which does not exist: point it at a Chromium or Chrome executable, or unset it.`,
        };
  }
  const installed = [...(SYSTEM_CHROMIUM_PATHS[process.platform] ?? []), chromium.executablePath()].find((path) =>
    existsSync(path),
  );
  if (installed) return { kind: "installed", executablePath: installed };

  const here = `${process.platform}/${process.arch}`;
  if (here !== NPM_CHROMIUM_PLATFORM) {
    return {
      kind: "none",
      reason:
        `no Chromium is installed, and the one in @sparticuz/chromium runs on ${NPM_CHROMIUM_PLATFORM} only (this is ${here}). ` +
        "Install one with `npx playwright install chromium`, or set CHROME_PATH to a Chromium or Chrome executable.",
    };
  }
  try {
    return { kind: "npm", entry: createRequire(import.meta.url).resolve("@sparticuz/chromium") };
  } catch {
    return {
      kind: "none",
      reason: "no Chromium is installed, and @sparticuz/chromium is missing from node_modules: run `npm ci`.",
    };
  }
}

const source = findChromium();

function isCI(): boolean {
  const ci = process.env.CI?.toLowerCase();
  return ci !== undefined && ci !== "" && ci !== "false" && ci !== "0";
}

/** Why no browser can run on this machine, or `undefined` when one can. */
export const browserMissing: string | undefined = source.kind === "none" ? source.reason : undefined;

/**
 * Whether the browser suites skip: no browser can run here and this is not CI. In CI they run,
 * and {@link launchBrowser} fails them with {@link browserMissing}.
 */
export const skipBrowserSuites: boolean = browserMissing !== undefined && !isCI();

if (skipBrowserSuites) console.warn(`browser suites SKIPPED: ${browserMissing} (with CI=true they fail instead)`);

/**
 * Launches headless Chromium: an installed one if there is one, else the one from npm.
 * @throws when no browser can run here, saying why and what to install.
 */
export async function launchBrowser(): Promise<Browser> {
  switch (source.kind) {
    case "installed":
      return chromium.launch({ executablePath: source.executablePath, args: INSTALLED_CHROMIUM_ARGS });
    case "npm": {
      const { default: npmChromium } = await import("@sparticuz/chromium");
      return chromium.launch({
        executablePath: await unpackNpmChromium(source.entry),
        args: npmChromium.args.filter((arg) => !UNWANTED_NPM_CHROMIUM_ARGS.has(arg)),
      });
    }
    case "none":
      throw new Error(`No browser can run the browser suites here: ${source.reason}`);
  }
}

/**
 * Unpacks the package's Chromium once per version and returns its path.
 *
 * `chromium.executablePath()` inflates into `os.tmpdir()` under fixed names and takes a file
 * that exists as finished, so two suites (or two checkouts) unpacking at once could run half a
 * binary. It runs here in a child process whose TMPDIR is a fresh folder, renamed into place
 * in one step when complete.
 */
async function unpackNpmChromium(entry: string): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")) as {
    version: string;
  };
  const target = join(CACHE_DIR, `sparticuz-chromium-${version}`);
  const executable = join(target, "chromium");
  if (existsSync(executable)) return executable;

  await mkdir(CACHE_DIR, { recursive: true });
  const staging = await mkdtemp(join(CACHE_DIR, "unpacking-"));
  try {
    const script = `import chromium from ${JSON.stringify(pathToFileURL(entry).href)}; process.stdout.write(await chromium.executablePath());`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "--eval", script], {
      env: { ...process.env, TMPDIR: staging },
    });
    if (stdout !== join(staging, "chromium"))
      throw new Error(`@sparticuz/chromium unpacked to ${stdout}, not into ${staging}`);
    await rename(staging, target).catch((error: NodeJS.ErrnoException) => {
      // Another process finished first: its copy is complete, use it.
      if (!existsSync(executable)) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return executable;
}
