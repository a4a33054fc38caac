import { describe, it } from "vitest";
import { harness } from "./helpers";
import { runScenario, SCENARIO_BOOT_MS } from "./scenario";

describe("end-to-end scenario in-process (fetch: sim.fetch)", () => {
  it("create SSH key → launch → waitFor active → rename → filesystem → terminate → audit events", async () => {
    const { sim, client } = harness({ bootMs: SCENARIO_BOOT_MS });
    await runScenario(client, {
      advance: async (ms) => sim.clock.advance(ms),
      setCapacity: async (type, region, units) => sim.state.setCapacity(type, region, units),
    });
  });
});
