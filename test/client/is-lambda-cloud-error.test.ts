// isLambdaCloudError recognises lambda-cloud's errors where `instanceof` cannot: errors made by a
// second copy of the module (two versions of the package in node_modules, or an npm and a JSR
// copy) and errors made in another realm (a `vm` context, as an iframe or a worker would be).
import { runInNewContext, runInThisContext } from "node:vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/error-codes.js";
import * as errors from "../../src/errors.js";
import {
  ConfigurationError,
  isLambdaCloudError,
  LambdaCloudError,
  NotFoundError,
  RequestValidationError,
} from "../../src/errors.js";
import { repoRoot } from "../runtimes/commands.js";

type ErrorsModule = typeof errors;

/** `src/errors.ts` bundled into a script that leaves the module's exports in `globalThis.copy`. */
async function errorsModuleScript(): Promise<string> {
  const result = await build({
    entryPoints: ["src/errors.ts"],
    absWorkingDir: repoRoot,
    bundle: true,
    write: false,
    format: "iife",
    globalName: "copy",
    target: "es2022",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

const notFoundDetails = {
  status: 404,
  code: "global/not-found",
  message: "No such instance.",
  headers: new Headers(),
} as const;

describe("isLambdaCloudError", () => {
  it("recognises every kind of error of this copy of the module", () => {
    const made = [
      new LambdaCloudError("plain"),
      new NotFoundError(notFoundDetails),
      errors.createAPIError({ ...notFoundDetails, status: 503, code: "provider/unavailable" }),
      new ConfigurationError("baseUrl", "must be an absolute URL"),
      new RequestValidationError("launchInstance", [{ path: "region_name", message: "is required" }]),
    ];
    for (const error of made) expect(isLambdaCloudError(error), error.name).toBe(true);
  });

  it("rejects other errors and values, including look-alikes by name", () => {
    const others: unknown[] = [
      new Error("LambdaCloudError"),
      Object.assign(new Error("x"), { name: "LambdaCloudError" }),
      { name: "NotFoundError", status: 404, code: "global/not-found", message: "x" },
      { [Symbol.for("lambda-cloud.error")]: "true" },
      { [Symbol("lambda-cloud.error")]: true },
      new DOMException("aborted", "AbortError"),
      "LambdaCloudError",
      404,
      null,
      undefined,
    ];
    for (const value of others) expect(isLambdaCloudError(value), String(value)).toBe(false);
  });

  it("recognises errors of a second copy of the module in the same realm, where instanceof fails", async () => {
    const copy = runInThisContext(`${await errorsModuleScript()}; copy`) as ErrorsModule;
    expect(copy.NotFoundError).not.toBe(NotFoundError);

    const theirs = new copy.NotFoundError(notFoundDetails);
    expect(theirs).not.toBeInstanceOf(LambdaCloudError);
    expect(isLambdaCloudError(theirs)).toBe(true);
    // And the other way round: the copy's function recognises this copy's errors.
    expect(copy.isLambdaCloudError(new NotFoundError(notFoundDetails))).toBe(true);
    expect(copy.isLambdaCloudError(new Error("x"))).toBe(false);
  });

  it("recognises errors made in another realm (a vm context), whose classes are not even this realm's Error", async () => {
    const realm = runInNewContext(`${await errorsModuleScript()}; copy`, {}) as ErrorsModule;
    const theirs = new realm.ConfigurationError("timeoutMs", "must be a positive number");
    expect(theirs).not.toBeInstanceOf(Error);
    expect(theirs).not.toBeInstanceOf(LambdaCloudError);
    expect(isLambdaCloudError(theirs)).toBe(true);
    expect(realm.isLambdaCloudError(new ConfigurationError("timeoutMs", "x"))).toBe(true);
    expect(realm.isLambdaCloudError(new Error("x"))).toBe(false);
  });

  it("keeps the brand out of the error's own fields, its JSON and its inspection", () => {
    const error = new NotFoundError(notFoundDetails);
    expect(Object.getOwnPropertySymbols(error)).toEqual([]);
    expect(JSON.stringify(error)).not.toContain("lambda-cloud.error");
  });
});

describe("status subclasses", () => {
  it("builds a code's class for a 400 only, so a code class's status is always its literal 400", () => {
    const capacity = { code: ErrorCodes.insufficientCapacity, message: "No capacity.", headers: new Headers() };
    expect(errors.createAPIError({ ...capacity, status: 400 })).toBeInstanceOf(errors.InsufficientCapacityError);
    const atOtherStatus = errors.createAPIError({ ...capacity, status: 503 });
    expect(atOtherStatus).not.toBeInstanceOf(errors.BadRequestError);
    expect(atOtherStatus).toBeInstanceOf(errors.InternalServerError);
    expect(atOtherStatus.status).toBe(503);
  });
});
