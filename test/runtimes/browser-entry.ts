// The entry of the browser bundle that chromium.test.ts builds with esbuild: the scenario and
// the built package, exposed to the page as `runRuntimeScenario`. The simulator's levers are
// functions the test exposes to the page (they run in Node, beside the simulator).
import { runScenario, type ScenarioReport } from "./scenario";

/** What the test passes to the page. */
export interface BrowserScenarioConfig {
  readonly runtime: string;
  /** The proxy's base URL (the page's own origin). */
  readonly baseUrl: string;
  /** The dashboard token the proxy's authorizer accepts; the page never holds the API key. */
  readonly token: string;
  readonly auditPageSize: number;
}

declare global {
  interface Window {
    simulatorSetCapacity(instanceTypeName: string, regionName: string, units: number | null): Promise<void>;
    simulatorAdvance(ms: number): Promise<void>;
    runRuntimeScenario(config: BrowserScenarioConfig): Promise<ScenarioReport>;
  }
}

window.runRuntimeScenario = (config) =>
  runScenario({
    runtime: config.runtime,
    client: { baseUrl: config.baseUrl, apiKey: config.token },
    control: {
      setCapacity: (type, region, units) => window.simulatorSetCapacity(type, region, units),
      advance: (ms) => window.simulatorAdvance(ms),
    },
    auditPageSize: config.auditPageSize,
  });
