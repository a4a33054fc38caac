// The public surface of each entry point is checked in as an API report (api/*.api.md, written by
// `npm run api:update` from the built declarations). A change to an exported name or type fails
// here until the report is updated, so it is deliberate and shows in review.
import { readdirSync, readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { apiEntries, buildApiReports, inTextOrder, repoRoot } from "../../scripts/api-report.ts";
import { firstDifference } from "../helpers/first-difference";

const update =
  "Run `npm run build && npm run api:update` and commit the changed api/*.api.md if the change is intended.";
const entries = apiEntries();
const reports = buildApiReports(entries);

describe("API reports", () => {
  it("has one report for each entry point of package.json's exports, and no other", () => {
    expect(entries.map((entry) => entry.specifier)).toEqual([
      "lambda-cloud",
      "lambda-cloud/proxy",
      "lambda-cloud/proxy/durable-object",
      "lambda-cloud/testing",
    ]);
    const kept = readdirSync(`${repoRoot}api`).map((name) => `api/${name}`);
    expect(kept.sort(), `api/ holds a report of an entry that no longer exists, or lacks one. ${update}`).toEqual(
      [...reports.keys()].sort(),
    );
  });

  for (const entry of entries) {
    it(`the public surface of ${entry.specifier} matches ${entry.report}`, () => {
      const kept = readFileSync(`${repoRoot}${entry.report}`, "utf8");
      const built = reports.get(entry.report)!;
      expect(
        built,
        `The public surface of ${entry.specifier} (${entry.declarations}) changed${firstDifference(kept, built)}. ${update}`,
      ).toBe(kept);
    });
  }
});

describe("a union in the report", () => {
  // The declaration build prints an inferred union in an order that changes between builds.
  const printedInReportOrder = (union: string) => {
    const file = ts.createSourceFile("union.d.ts", `type U = ${union};`, ts.ScriptTarget.Latest, true);
    const members = ((file.statements[0] as ts.TypeAliasDeclaration).type as ts.UnionTypeNode).types;
    return inTextOrder(members, file).map((member) => member.getText(file));
  };

  it("shows its members in one order whatever order the declarations print them in", () => {
    expect(printedInReportOrder(`"booting" | "active" | null | readonly string[]`)).toEqual(
      printedInReportOrder(`null | readonly string[] | "active" | "booting"`),
    );
  });

  it("sorts by text and puts null and undefined last", () => {
    expect(printedInReportOrder(`undefined | string | null | Date | "b" | "a"`)).toEqual([
      `"a"`,
      `"b"`,
      "Date",
      "string",
      "null",
      "undefined",
    ]);
  });
});

describe("published declarations", () => {
  // The client's resource groups hold the transport; it is @internal and stripped from the declarations.
  const internalNames = ["Transport", "TransportSettings", "CallInput"];

  for (const entry of entries) {
    it(`${entry.specifier} declares no internal type`, () => {
      const report = reports.get(entry.report)!;
      for (const name of internalNames)
        expect(report, `${name} leaked into ${entry.declarations}`).not.toMatch(
          new RegExp(`\\b(class|interface|type) ${name}\\b`),
        );
    });
  }

  it("the report names what the declarations hold, so a leak would show (the check above can fail)", () => {
    const client = reports.get("api/index.api.md")!;
    expect(client).toMatch(/\bdeclare class LambdaCloudClient\b/);
    expect(readFileSync(`${repoRoot}dist/index.d.ts`, "utf8")).not.toContain("declare class Transport");
  });
});
