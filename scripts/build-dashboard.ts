// Builds the sample Worker's dashboard into examples/worker/public/ (the Worker's [assets]
// directory, git-ignored): the TypeScript in examples/worker/dashboard/ bundled for browsers
// into one app.js (lambda-cloud, ky and valibot included), plus the files of
// examples/worker/dashboard/static/. "lambda-cloud" resolves to the built dist/ through the
// package's own exports, so this runs after tsup: `npm run build` does both.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "tsup";

const root = fileURLToPath(new URL("..", import.meta.url));

if (!existsSync(`${root}dist/index.js`)) {
  console.error(
    "build-dashboard: dist/ is missing. Run `npm run build`, which builds the package and then the dashboard.",
  );
  process.exit(1);
}

await build({
  config: false,
  entry: { app: `${root}examples/worker/dashboard/main.ts` },
  outDir: `${root}examples/worker/public`,
  publicDir: `${root}examples/worker/dashboard/static`,
  format: ["esm"],
  platform: "browser",
  target: "es2022",
  noExternal: [/./],
  minify: true,
  treeshake: true,
  splitting: false,
  sourcemap: false,
  dts: false,
  clean: true,
  silent: true,
  tsconfig: `${root}examples/worker/dashboard/tsconfig.json`,
});
console.log("build-dashboard: wrote examples/worker/public/ (index.html, styles.css, app.js)");
