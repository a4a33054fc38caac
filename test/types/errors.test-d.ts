// The error types users branch on, from the published declarations: each status subclass has its
// status as a literal type (so `status` discriminates a union of them), `code` is the open enum of
// the documented codes, and isLambdaCloudError narrows an unknown value.
import {
  type APIError,
  type AuthenticationError,
  type BadRequestError,
  type ConflictError,
  type ErrorCode,
  ErrorCodes,
  type InsufficientCapacityError,
  isLambdaCloudError,
  type KnownErrorCode,
  type LambdaCloudError,
  type NotFoundError,
  type PermissionDeniedError,
  type QuotaExceededError,
  type RateLimitError,
} from "lambda-cloud";
import { describe, expectTypeOf, it } from "vitest";

describe("error types", () => {
  it("types each status subclass's status as its literal", () => {
    expectTypeOf<BadRequestError["status"]>().toEqualTypeOf<400>();
    expectTypeOf<AuthenticationError["status"]>().toEqualTypeOf<401>();
    expectTypeOf<PermissionDeniedError["status"]>().toEqualTypeOf<403>();
    expectTypeOf<NotFoundError["status"]>().toEqualTypeOf<404>();
    expectTypeOf<ConflictError["status"]>().toEqualTypeOf<409>();
    expectTypeOf<RateLimitError["status"]>().toEqualTypeOf<429>();
    expectTypeOf<InsufficientCapacityError["status"]>().toEqualTypeOf<400>();
    expectTypeOf<QuotaExceededError["status"]>().toEqualTypeOf<400>();
    expectTypeOf<APIError["status"]>().toEqualTypeOf<number>();
  });

  it("lets status discriminate a union of status errors", () => {
    const handle = (error: NotFoundError | ConflictError | RateLimitError) => {
      if (error.status === 404) expectTypeOf(error).toEqualTypeOf<NotFoundError>();
      else expectTypeOf(error).toEqualTypeOf<ConflictError | RateLimitError>();
    };
    expectTypeOf(handle).toBeFunction();
  });

  it("types code as the documented codes, open to codes the API adds", () => {
    expectTypeOf<APIError["code"]>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<KnownErrorCode>().toExtend<ErrorCode>();
    expectTypeOf(ErrorCodes.notFound).toEqualTypeOf<"global/not-found">();
    expectTypeOf<"global/not-found">().toExtend<KnownErrorCode>();
    expectTypeOf<"provider/new-failure">().toExtend<ErrorCode>();
    // @ts-expect-error a code the API does not document is no KnownErrorCode.
    const unknown: KnownErrorCode = "global/made-up";
    expectTypeOf(unknown).toBeString();
  });

  it("narrows an unknown value with isLambdaCloudError", () => {
    const caught: unknown = new Error("x");
    if (isLambdaCloudError(caught)) expectTypeOf(caught).toEqualTypeOf<LambdaCloudError>();
    expectTypeOf(isLambdaCloudError).guards.toEqualTypeOf<LambdaCloudError>();
  });
});
