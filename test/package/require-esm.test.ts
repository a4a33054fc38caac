import { describe, expect, it } from "vitest";
import { type Command, describeRun, NODE_22, node22, node24, run } from "../runtimes/commands";

// CommonJS users load the ESM-only package with require(): Node >= 22.12 supports it unflagged.
// The fixture requires every entry point by the package's own name, as an installed
// dependency would resolve it, and prints the export names it got.
const fixture = "test/package/fixtures/require-lambda-cloud.cjs";

interface RequireReport {
  readonly node: string;
  readonly loaded: Record<string, string[]>;
  readonly baseUrl: string;
}

async function requireIn(command: Command): Promise<RequireReport> {
  const result = await run(command, [fixture]);
  expect(result.code, describeRun(result)).toBe(0);
  return JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "") as RequireReport;
}

describe.each([
  [NODE_22, node22, `v${NODE_22.replace(/^node@/, "")}`],
  ["node@24 (devDependency)", node24, expect.stringMatching(/^v24\./)],
])("require(esm) in %s", (_name, command, nodeVersion) => {
  it("require() of lambda-cloud, lambda-cloud/proxy and lambda-cloud/testing returns their exports", async () => {
    const report = await requireIn(command());
    expect(report.node).toEqual(nodeVersion);
    expect(report.loaded["lambda-cloud"]).toEqual(
      expect.arrayContaining(["LambdaCloudClient", "InsufficientCapacityError", "fromEnv"]),
    );
    expect(report.loaded["lambda-cloud/proxy"]).toContain("createLambdaProxy");
    expect(report.loaded["lambda-cloud/testing"]).toContain("createSimulator");
    expect(report.baseUrl).toBe("https://cloud.lambda.ai/api/v1");
  }, 120_000);
});
