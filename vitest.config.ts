import { defineConfig } from "vitest/config";

/**
 * The Node suites and the type-level tests run here. Suites for other environments (workerd, happy-dom) live in
 * their own folders with their own `vitest.config.ts`, picked up by the glob below.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: ["test/**/*.test.ts"],
          exclude: ["test/workers/**", "test/dom/**", "node_modules/**"],
          environment: "node",
        },
      },
      {
        // Type-level tests (test/types/*.test-d.ts): run by tsc through vitest's typecheck, never executed.
        test: {
          name: "types",
          include: [],
          typecheck: { enabled: true, only: true, include: ["test/types/**/*.test-d.ts"], tsconfig: "tsconfig.json" },
        },
      },
      "test/**/vitest.config.ts",
    ],
  },
});
