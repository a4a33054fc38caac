import { expect, it } from "vitest";
import { describeRun, run } from "../runtimes/commands";

// The size budgets live in .size-limit.mjs (LambdaCloudClient ≤ 22.5 kB against a target of 18 kB that ky alone makes unreachable, createLambdaProxy ≤ 12 kB, with createMemoryGateway ≤ 16 kB,
// min+gzip with their dependencies); `npm run size` checks them against the built files.
it("npm run size: every entry is within its size budget", async () => {
  const result = await run({ file: "npm", args: ["run", "--silent"] }, ["size"]);
  expect(result.code, describeRun(result)).toBe(0);
}, 120_000);
