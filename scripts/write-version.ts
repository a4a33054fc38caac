// Writes src/version.ts from package.json's version: the release step (`npm run version`, after
// `changeset version` bumped package.json) runs it, so that the User-Agent names the version that
// is published. test/client/version.test.ts checks that the two agree.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The text of src/version.ts for `version`. */
export function versionModule(version: string): string {
  return `/** The version of this package, sent in the User-Agent header outside browsers. */\nexport const VERSION = ${JSON.stringify(version)};\n`;
}

/** Writes `<root>/src/version.ts` from `<root>/package.json`, returning the version written. */
export function writeVersion(root: string): string {
  const { version } = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as { version?: unknown };
  if (typeof version !== "string" || !/^\d+\.\d+\.\d+(?:-[\w.]+)?$/.test(version)) {
    throw new Error(
      `package.json's version must be a semantic version such as "0.2.0"; got ${JSON.stringify(version)}.`,
    );
  }
  writeFileSync(`${root}/src/version.ts`, versionModule(version));
  return version;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const version = writeVersion(fileURLToPath(new URL("..", import.meta.url)));
  console.log(`src/version.ts: ${version}`);
}
