import { defineConfig } from "vitest/config";

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
      // workerd (@cloudflare/vitest-plugin): its config, wrangler config and mock upstream live there.
      "./test/workers/vitest.config.ts",
    ],
  },
});
