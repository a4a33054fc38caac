// The runtime matrix in workerd: the scenario's client runs in the Worker runtime and calls
// the Worker (proxy, then simulator) through exports.default.fetch, as a Worker calling another would.
import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";
import { runScenario } from "../../runtimes/scenario";
import { SCENARIO_CHECK_COUNT } from "../../runtimes/scenario-checks";
import { AUDIT_PAGE_SIZE, simulatorFor } from "./worker";

it("workerd: the scenario passes every check through the proxy in front of the simulator", async () => {
  const simulator = simulatorFor(env);
  const report = await runScenario({
    runtime: "workerd",
    client: {
      baseUrl: "https://proxy.test/api/v1",
      apiKey: env.PROXY_TOKEN,
      fetch: (input, init) => exports.default.fetch(new Request(input, init)),
    },
    control: {
      setCapacity: async (type, region, units) => simulator.state.setCapacity(type, region, units ?? undefined),
      advance: async (ms) => simulator.clock.advance(ms),
    },
    auditPageSize: AUDIT_PAGE_SIZE,
  });
  console.log(report.summary);
  expect(report.passed).toHaveLength(SCENARIO_CHECK_COUNT);
  expect(report.summary).toBe(`workerd: ${SCENARIO_CHECK_COUNT} checks passed`);
  // The scenario's requests reached the simulator through the proxy, with the proxy's key.
  expect(simulator.state.auditEvents().length).toBeGreaterThan(AUDIT_PAGE_SIZE);
});
