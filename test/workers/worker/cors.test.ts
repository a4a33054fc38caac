// CORS through the sample Worker: ALLOWED_ORIGINS (here https://ops.example.com) gets its
// preflights answered locally; any other origin gets no CORS headers and is refused.
import { describe, expect, it } from "vitest";
import { call, upstreamReceived, withToken } from "./helpers";

const ALLOWED = "https://ops.example.com";

function preflight(origin: string): Promise<Response> {
  return call("/api/v1/instance-operations/launch", {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization, content-type",
    },
  });
}

describe("CORS preflight", () => {
  it("answers 204 locally for an origin in ALLOWED_ORIGINS, with Vary: Origin and fixed allow lists", async () => {
    const response = await preflight(ALLOWED);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(response.headers.get("vary")).toContain("Origin");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toBe("accept, authorization, content-type");
    expect(await upstreamReceived()).toEqual([]);
  });

  it.each(["https://evil.example", "https://ops.example.com.evil.example", "http://ops.example.com", "null"])(
    "gives %s no CORS headers and forwards nothing",
    async (origin) => {
      const response = await preflight(origin);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      expect(response.headers.get("access-control-allow-methods")).toBeNull();
      expect(response.status).toBeGreaterThanOrEqual(400);
      const read = await call("/api/v1/instances", { headers: { origin, ...withToken() } });
      expect(read.headers.get("access-control-allow-origin")).toBeNull();
      expect(read.status).toBe(403);
      expect(await upstreamReceived()).toEqual([]);
    },
  );

  it("adds the CORS headers to an allowed origin's actual request", async () => {
    const response = await call("/api/v1/instances", { headers: { origin: ALLOWED, ...withToken() } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(response.headers.get("vary")).toContain("Origin");
    await upstreamReceived();
  });
});
