import { defineConfig } from "vitest/config";

/**
 * The Node suites run here. Suites for other environments (workerd, happy-dom) live in
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
      "test/**/vitest.config.ts",
    ],
  },
});
