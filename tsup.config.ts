import { defineConfig, type Options } from "tsup";

/** What both builds share. */
const common = {
  format: ["esm"],
  sourcemap: true,
  target: "es2022",
  platform: "neutral",
  // Rollup tree-shakes each output file; "no-external" lets it drop the bare imports of chunks that
  // esbuild hoists into entry files, which bundlers would ignore (and warn about) under "sideEffects": false.
  treeshake: { moduleSideEffects: "no-external" },
  splitting: true,
} satisfies Options;

export default defineConfig([
  {
    ...common,
    entry: {
      index: "src/index.ts",
      "proxy/index": "src/proxy/index.ts",
      "proxy/durable-object": "src/proxy/durable-object.ts",
    },
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
    // dist/testing is the simulator build's to clean.
    clean: ["!testing/**"],
  },
  {
    // The simulator is built on its own: sharing chunks with it split the code of "lambda-cloud" into
    // five files where three remain, and each file an import loads costs Node about 0.5 ms (see
    // BENCHMARKS.md, issue 14's cold-start pass). It holds its own copy of the schemas, routes and errors it uses;
    // none of them is among its exports, so no value of lambda-cloud/testing is compared with the
    // client's. Its declarations stay in the build above, which shares their types.
    ...common,
    entry: { index: "src/testing/index.ts", bin: "src/testing/bin.ts" },
    outDir: "dist/testing",
    clean: ["!**/*.d.ts"],
  },
]);
