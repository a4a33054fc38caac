import { defineConfig } from "tsup";

/**
 * One file, dist/bin.js. The client (`lambda-cloud`, found through tsconfig.json's paths, so no
 * build of the library is needed first) and its ky and valibot are bundled in: the CLI always runs
 * the client it was tested with. The CLI's own dependencies stay external.
 */
export default defineConfig({
  entry: { bin: "src/bin.ts" },
  format: ["esm"],
  platform: "node",
  target: "node22",
  clean: true,
  removeNodeProtocol: false,
  noExternal: ["lambda-cloud", "ky", "valibot"],
});
