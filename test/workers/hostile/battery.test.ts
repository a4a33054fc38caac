// The client's hostile-upstream battery inside workerd, with the built package: workerd parses
// the hostile status lines and headers and decodes the bodies (gzip, deflate, br) itself.
// The connection-failure cases (closed port, broken HTTP) are left out: miniflare's outbound
// relay answers 500 for both, so workerd never sees the socket fail.
import { env } from "cloudflare:workers";
import { LambdaCloudClient } from "lambda-cloud";
import { expect, it } from "vitest";
import { type BatteryTarget, batteryCases, runBattery } from "../../helpers/hostile-battery";

it("workerd: every error class, no form of the key anywhere", async () => {
  const results = await runBattery({
    Client: LambdaCloudClient as unknown as BatteryTarget["Client"],
    origin: env.HOSTILE_ORIGIN,
    key: env.HOSTILE_KEY,
  });
  expect(results.map((result) => result.name)).toEqual(batteryCases(false).map((testCase) => testCase.name));
  expect(
    results
      .filter((result) => result.got !== result.expected)
      .map(({ name, expected, got }) => ({ name, expected, got })),
  ).toEqual([]);
  expect(results.filter((result) => result.leaks.length > 0).map(({ name, leaks }) => ({ name, leaks }))).toEqual([]);
});
