import { expect, it } from "vitest";
import { binary } from "./commands";

// No runtime is skipped silently: a missing one fails its test with how to install it.
it("a runtime binary missing from node_modules/.bin fails with how to install it", () => {
  expect(() => binary("no-such-runtime")).toThrow(
    /no-such-runtime is missing at .*node_modules\/\.bin\/no-such-runtime\. Install the devDependencies with `npm ci`/,
  );
});
