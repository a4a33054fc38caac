import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    "proxy/index": "src/proxy/index.ts",
    "proxy/durable-object": "src/proxy/durable-object.ts",
    "testing/index": "src/testing/index.ts",
    "testing/bin": "src/testing/bin.ts",
  },
  format: ["esm"],
  dts: {
    entry: {
      index: "src/index.ts",
      "proxy/index": "src/proxy/index.ts",
      "proxy/durable-object": "src/proxy/durable-object.ts",
      "testing/index": "src/testing/index.ts",
    },
    // Declarations tagged `@internal` (such as the transport the resource groups hold) stay out
    // of the published types; test/package/api-report.test.ts holds what remains.
    compilerOptions: { stripInternal: true },
  },
  clean: true,
  sourcemap: true,
  target: "es2022",
  platform: "neutral",
  // Rollup tree-shakes each output file; "no-external" lets it drop the bare imports of chunks that
  // esbuild hoists into entry files, which bundlers would ignore (and warn about) under "sideEffects": false.
  treeshake: { moduleSideEffects: "no-external" },
  splitting: true,
});
