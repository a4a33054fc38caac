import { expect, it } from "vitest";
import { describeRun, run } from "../runtimes/commands";

// The size budgets (min+gzip, with their dependencies) and the reasons for each live in
// .size-limit.mjs; `npm run size` checks them against the built files.
it("npm run size: every entry is within its size budget", async () => {
  const result = await run({ file: "npm", args: ["run", "--silent"] }, ["size"]);
  expect(result.code, describeRun(result)).toBe(0);
}, 120_000);
