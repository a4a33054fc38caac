// The client against a hostile upstream over real loopback HTTP: every error class the client
// throws on an upstream's answer carries no form of the key, in any printable form.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LambdaCloudClient } from "../../src/index.js";
import { closedPort } from "../helpers/closed-port.js";
import { batteryCases, type CaseResult, runBattery } from "../helpers/hostile-battery.js";
import { type HostileUpstream, startHostileUpstream } from "../helpers/hostile-upstream.js";

let upstream: HostileUpstream;
let results: CaseResult[];

beforeAll(async () => {
  upstream = await startHostileUpstream();
  results = await runBattery({
    Client: LambdaCloudClient,
    origin: upstream.origin,
    key: upstream.key,
    closedBaseUrl: `http://127.0.0.1:${await closedPort()}/api/v1`,
  });
});
afterAll(() => upstream.close());

describe("hostile upstream battery (Node)", () => {
  it("runs every case, and each throws the error class it provokes", () => {
    expect(results.map((result) => result.name)).toEqual(batteryCases().map((testCase) => testCase.name));
    expect(
      results
        .filter((result) => result.got !== result.expected)
        .map(({ name, expected, got }) => ({ name, expected, got })),
    ).toEqual([]);
  });

  it("finds no form of the key in any message, stack, field, cause, JSON or inspect output", () => {
    // Only where it was found is reported, never the text (which would print the key).
    expect(results.filter((result) => result.leaks.length > 0).map(({ name, leaks }) => ({ name, leaks }))).toEqual([]);
  });

  it("never follows a redirect: nothing reached the Location's origin, no launch body was replayed", () => {
    expect(results.filter((result) => result.got === "RedirectError")).toHaveLength(10);
    expect(upstream.landed()).toEqual([]);
  });
});
