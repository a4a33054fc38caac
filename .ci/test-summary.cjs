// Prints the summary line of a vitest JSON report, then each failed test file with its failed
// tests and the first line of each failure, so that the end of CI's log (often all a reader sees)
// names every failure. Exits with 1 when no test ran or any failed.
//
//   node .ci/test-summary.cjs test-artifacts/vitest.json
const { relative, resolve } = require("node:path");

const report = require(resolve(process.argv[2]));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);

const firstLine = (text) => (text ?? "").trim().split("\n")[0].slice(0, 300);
for (const file of report.testResults.filter((result) => result.status === "failed")) {
  console.log(`failed: ${relative(process.cwd(), file.name)}`);
  const failed = file.assertionResults.filter((test) => test.status === "failed");
  for (const test of failed) console.log(`  ${test.fullName}: ${firstLine(test.failureMessages[0])}`);
  // A file can fail with no failed test of its own (an error while loading it, or in a hook).
  if (failed.length === 0) console.log(`  ${firstLine(file.message)}`);
}
process.exit(report.numTotalTests > 0 && report.numFailedTests === 0 && report.numFailedTestSuites === 0 ? 0 : 1);
