import { describe, expect, it } from "vitest";
import { describeRun, run } from "../runtimes/commands";

// publint checks package.json against the files npm would publish; attw checks that every
// export's types resolve like its JavaScript. Both are npm scripts (`npm run lint:package`),
// run here so `npm test` holds them. See the scripts for the flags and why.
describe("package lint", () => {
  it.each(["lint:publint", "lint:attw"])(
    "npm run %s reports no problem",
    async (script) => {
      const result = await run({ file: "npm", args: ["run", "--silent"] }, [script]);
      expect(result.code, describeRun(result)).toBe(0);
    },
    120_000,
  );
});
