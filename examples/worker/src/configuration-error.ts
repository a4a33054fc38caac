/** A problem with the Worker's vars or secrets, answered as 500 `worker/misconfigured`. */
export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

/** The response for a configuration problem, in the API's error envelope so clients map it. */
export function misconfiguredResponse(error: ConfigurationError): Response {
  return Response.json(
    {
      error: {
        code: "worker/misconfigured",
        message: `The Worker is misconfigured: ${error.message}`,
        suggestion:
          "Fix the var or secret named above (wrangler.toml [vars], `wrangler secret put`, or .dev.vars locally) and redeploy.",
      },
    },
    { status: 500, headers: { "cache-control": "no-store" } },
  );
}
