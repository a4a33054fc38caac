/** `GET /api/session`: the Worker's own route telling the page what it may do. */
import type { SessionReport } from "../src/session-report.js";
import { workerFetch } from "./worker-fetch.js";

/** What the Worker reports about this browser's session. */
export type Session = SessionReport;

/** Asks the Worker for the session, sending the dashboard token when there is one. */
export async function fetchSession(): Promise<Session> {
  const response = await workerFetch("/api/session");
  if (!response.ok) throw new Error(`GET /api/session answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Session;
}
