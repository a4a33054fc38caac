// The dashboard's readable errors (examples/worker/dashboard/describe-error.ts): each proxy/*
// code and the launch failures people meet get a headline and advice, chosen by code.
import {
  APIConnectionError,
  createAPIError,
  InsufficientCapacityError,
  LaunchOutcomeUnknownError,
  RequestValidationError,
} from "lambda-cloud";
import { describe, expect, it } from "vitest";
import { describeError } from "../../examples/worker/dashboard/describe-error";

function apiError(status: number, code: string, message = "The server's own words.") {
  return createAPIError({ status, code, message, headers: new Headers() });
}

describe("describeError", () => {
  it.each([
    [401, "proxy/unauthorized", "Not authorized", "dashboard token"],
    [403, "proxy/unauthorized", "Not authorized", "Cloudflare Access"],
    [404, "proxy/route-not-allowed", "Not allowed by this Worker", "DASHBOARD_TOKEN or Cloudflare Access"],
    [405, "proxy/method-not-allowed", "Not allowed by this Worker", "method"],
    [429, "proxy/rate-limited", "Slow down", "Wait a few seconds"],
    [413, "proxy/body-too-large", "Request too large", "larger than the Worker accepts"],
    [502, "proxy/upstream-unreachable", "Lambda Cloud unreachable", "could not reach"],
    [503, "proxy/gateway-unavailable", "Gateway unavailable", "nothing was changed"],
    [429, "global/rate-limited", "Lambda Cloud is busy", "nothing was changed"],
    [503, "proxy/key-unavailable", "The Worker has no API key", "wrangler secret put LAMBDA_API_KEY"],
    [401, "global/invalid-api-key", "API key rejected", "LAMBDA_API_KEY"],
    [400, "instance-operations/launch/insufficient-capacity", "No capacity", "Pick a region listed under the type"],
    [400, "global/quota-exceeded", "Quota reached", "Terminate one"],
  ])("explains %i %s", (status, code, title, advice) => {
    const described = describeError(apiError(status, code));
    expect(described.title).toBe(title);
    expect(described.detail).toContain(advice);
  });

  it("recognises insufficient capacity by its typed error", () => {
    const error = apiError(400, "instance-operations/launch/insufficient-capacity");
    expect(error).toBeInstanceOf(InsufficientCapacityError);
    expect(describeError(error).title).toBe("No capacity");
  });

  it("shows the status and the server's message for a code it does not know", () => {
    const described = describeError(
      apiError(409, "worker/misconfigured", "DASHBOARD_TOKEN must be at least 32 characters."),
    );
    expect(described.title).toBe("Lambda Cloud answered 409");
    expect(described.detail).toContain("DASHBOARD_TOKEN must be at least 32 characters.");
  });

  it("warns before a second launch when a launch's outcome is unknown", () => {
    const described = describeError(new LaunchOutcomeUnknownError(new APIConnectionError("connection reset")));
    expect(described.title).toBe("Launch outcome unknown");
    expect(described.detail).toContain("Check the list before launching again");
  });

  it("points at the form for a request the client refused to send", () => {
    const described = describeError(
      new RequestValidationError("launchInstance", [{ path: "name", message: "must be at most 64 characters" }]),
    );
    expect(described.title).toBe("Check the form");
    expect(described.detail).toContain("must be at most 64 characters");
  });

  it("describes anything else by its message", () => {
    expect(describeError(new Error("boom"))).toEqual({ title: "Something went wrong", detail: "boom" });
    expect(describeError("plain")).toEqual({ title: "Something went wrong", detail: "plain" });
  });
});
