// LAMBDA_CLOUD_BASE_URL is read in Deno and Bun the way fromEnv reads LAMBDA_API_KEY; under
// Deno only with --allow-env for it, and without that permission it is skipped (no prompt, no error).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bunRun, type Command, denoRun, describeRun, run } from "./commands";

const SCRIPT = "test/runtimes/base-url-cli.ts";
const SIMULATOR = "http://127.0.0.1:8788/api/v1";

let denoDir: string;
beforeAll(async () => {
  denoDir = await mkdtemp(join(tmpdir(), "lambda-cloud-deno-"));
});
afterAll(async () => {
  await rm(denoDir, { recursive: true, force: true });
});

async function baseUrlIn(command: Command): Promise<string> {
  const result = await run(command, [SCRIPT], { env: { LAMBDA_CLOUD_BASE_URL: SIMULATOR } });
  try {
    return (JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "") as { baseUrl: string }).baseUrl;
  } catch {
    throw new Error(`the script printed no base URL.\n${describeRun(result)}`);
  }
}

describe("LAMBDA_CLOUD_BASE_URL across runtimes (built package)", () => {
  it("Deno with --allow-env=LAMBDA_CLOUD_BASE_URL uses it", async () => {
    expect(await baseUrlIn(denoRun(["--allow-env=LAMBDA_CLOUD_BASE_URL"], denoDir))).toBe(SIMULATOR);
  }, 60_000);

  it("Deno without the permission keeps the default instead of failing or prompting", async () => {
    expect(await baseUrlIn(denoRun([], denoDir))).toBe("https://cloud.lambda.ai/api/v1");
  }, 60_000);

  it("Bun reads it from process.env", async () => {
    expect(await baseUrlIn(bunRun())).toBe(SIMULATOR);
  }, 60_000);
});
