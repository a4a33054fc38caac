// Listing a long audit log through the async iterator fetches one page at a time, on demand:
// never a page before the previous one is used up, so memory holds one page, whatever the
// log's length (bench/memory.mjs measures the heap while doing so).
import { describe, expect, it } from "vitest";
import { LambdaCloudClient } from "../../src/index";
import { BASE_URL, harness, raw } from "../testing/helpers";

const EVENTS = 10_000;
const PAGE_SIZE = 50;

describe("auditEvents.list() over 10,000 events", () => {
  it("fetches page n only once the events of page n - 1 are used up, and yields every event once, in order", async () => {
    const { sim, key } = harness({ rateLimit: false, pageSize: PAGE_SIZE });
    // Each refused filesystem creation is one audited call (a failure, recorded like a success).
    for (let i = 0; i < EVENTS; i++) {
      await raw(sim, "/filesystems", {
        method: "POST",
        key,
        body: JSON.stringify({ name: `fs-${i}`, region: "nowhere-1" }),
      });
    }
    const logged = sim.state.auditEvents();
    expect(logged).toHaveLength(EVENTS);

    let pagesFetched = 0;
    const counting: typeof fetch = (input, init) => {
      if (new URL(input instanceof Request ? input.url : String(input)).pathname.endsWith("/audit-events"))
        pagesFetched++;
      return sim.fetch(input, init);
    };
    const client = new LambdaCloudClient({ apiKey: key, fetch: counting, baseUrl: BASE_URL, rateLimit: false });
    const pagesWhenYielded: number[] = [];
    const ids: string[] = [];
    for await (const event of client.auditEvents.list()) {
      pagesWhenYielded.push(pagesFetched);
      ids.push(event.event_id);
    }
    expect(ids).toEqual(logged.map((event) => event.event_id));
    expect(pagesWhenYielded).toEqual(Array.from({ length: EVENTS }, (_, i) => Math.floor(i / PAGE_SIZE) + 1));
    expect(pagesFetched).toBe(EVENTS / PAGE_SIZE);
  }, 120_000);
});
