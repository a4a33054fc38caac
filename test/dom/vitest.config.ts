// The "happy-dom" vitest project: suites that run in a browser-like DOM environment
// (happy-dom), where fetch is the DOM's own and enforces CORS as a browser does.
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "happy-dom",
    include: ["**/*.test.ts"],
    environment: "happy-dom",
  },
});
