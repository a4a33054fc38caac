// @vitest-environment happy-dom
// The catalog panel (examples/worker/dashboard/panels/catalog-panel.ts): a refresh asked for while
// an older load is still on its way (say, after a capacity error) is not answered by that older
// load: one more load follows it, so the sold-out region disappears. Calls made meanwhile share
// that one load.
import { LambdaCloudClient } from "lambda-cloud";
import { createSimulator, DEFAULT_SIMULATOR_API_KEY } from "lambda-cloud/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { AnswerAges } from "../../examples/worker/dashboard/answer-age";
import { createCatalogPanel } from "../../examples/worker/dashboard/panels/catalog-panel";
import { loadDashboardPage } from "./page";

beforeEach(() => loadDashboardPage());

describe("the catalog panel", () => {
  it("loads once more after a load that began before the refresh was asked for", async () => {
    const simulator = createSimulator({ seed: 7 });
    simulator.state.setCapacity("gpu_1x_a10", "us-west-1", 1);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let loads = 0;
    // Each answer is computed when asked for; the first one is then held back.
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await simulator.fetch(input, init);
      if (++loads === 1) await held;
      return response;
    };
    const client = new LambdaCloudClient({ apiKey: DEFAULT_SIMULATOR_API_KEY, fetch, rateLimit: false });
    const session = { upstream: "simulator", authorized: true, writes: true, authorizers: ["token"] } as const;
    const panel = createCatalogPanel(
      { client, ages: new AnswerAges(), session, signal: new AbortController().signal, onWrite: () => undefined },
      () => undefined,
    );

    const first = panel.refresh();
    simulator.state.setCapacity("gpu_1x_a10", "us-west-1", 0);
    const afterError = panel.refresh();
    const meanwhile = panel.refresh();
    release();
    await Promise.all([first, afterError, meanwhile]);

    expect(loads).toBe(2);
    const regions = panel.latest?.gpu_1x_a10?.regions_with_capacity_available.map((region) => region.name);
    expect(regions).not.toContain("us-west-1");
    const chips = [...document.querySelectorAll('li.type[data-type="gpu_1x_a10"] .chip')].map(
      (chip) => chip.textContent,
    );
    expect(chips).not.toContain("us-west-1");
  });
});
