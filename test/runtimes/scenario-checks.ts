/**
 * How many checks `runScenario` (scenario.ts) runs. Every runtime suite holds its report to this
 * number, written down rather than counted from the report, so a run that skips or loses a
 * check fails. Change it together with the checks in scenario.ts.
 */
export const SCENARIO_CHECK_COUNT = 11;
