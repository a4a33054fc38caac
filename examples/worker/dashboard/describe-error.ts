/**
 * Turns what the client throws into a sentence a person can act on. Branches on the error's
 * `code` (the API's, or the proxy's `proxy/*`), never on message text.
 */
import { APIConnectionError, APIError, LaunchOutcomeUnknownError, RequestValidationError } from "lambda-cloud";

/** A headline and the detail below it. */
export interface Described {
  readonly title: string;
  readonly detail: string;
}

const BY_CODE: Readonly<Record<string, Described>> = {
  "proxy/unauthorized": {
    title: "Not authorized",
    detail: "This Worker needs you to sign in: enter the dashboard token, or open it through Cloudflare Access.",
  },
  "proxy/route-not-allowed": {
    title: "Not allowed by this Worker",
    detail:
      "The Worker does not forward this operation. Writes need an authorizer (DASHBOARD_TOKEN or Cloudflare Access).",
  },
  "proxy/method-not-allowed": {
    title: "Not allowed by this Worker",
    detail: "The Worker does not accept this method here.",
  },
  "proxy/rate-limited": {
    title: "Slow down",
    detail: "Too many requests from this browser. Wait a few seconds and try again.",
  },
  "proxy/body-too-large": { title: "Request too large", detail: "The request is larger than the Worker accepts." },
  "proxy/upstream-unreachable": {
    title: "Lambda Cloud unreachable",
    detail: "The Worker could not reach the Lambda Cloud API. Try again in a moment.",
  },
  "proxy/gateway-unavailable": {
    title: "Gateway unavailable",
    detail: "The Worker's gateway did not answer, so nothing was changed. Try again in a moment.",
  },
  "global/rate-limited": {
    title: "Lambda Cloud is busy",
    detail: "The account's request limit was reached, so nothing was changed. Try again in a few seconds.",
  },
  "proxy/key-unavailable": {
    title: "The Worker has no API key",
    detail: "Set the LAMBDA_API_KEY secret (npx wrangler secret put LAMBDA_API_KEY) or its Secrets Store binding.",
  },
  "global/invalid-api-key": {
    title: "API key rejected",
    detail: "Lambda Cloud refused the Worker's API key. Put a current key in the LAMBDA_API_KEY secret.",
  },
  "instance-operations/launch/insufficient-capacity": {
    title: "No capacity",
    detail:
      "Lambda Cloud has no capacity for this instance type in this region right now. Pick a region listed under the type, or try later.",
  },
  "global/quota-exceeded": {
    title: "Quota reached",
    detail: "Your account cannot run more instances. Terminate one, or ask Lambda support to raise the quota.",
  },
};

/** Describes any thrown value. */
export function describeError(error: unknown): Described {
  if (error instanceof APIError) {
    const known = BY_CODE[error.code];
    if (known) return known;
    return { title: `Lambda Cloud answered ${error.status}`, detail: error.message };
  }
  if (error instanceof LaunchOutcomeUnknownError) {
    return {
      title: "Launch outcome unknown",
      detail: "The connection failed during the launch. Check the list before launching again.",
    };
  }
  if (error instanceof RequestValidationError) return { title: "Check the form", detail: error.message };
  if (error instanceof APIConnectionError)
    return { title: "Connection problem", detail: "The Worker did not answer. Check your connection and reload." };
  return { title: "Something went wrong", detail: error instanceof Error ? error.message : String(error) };
}
