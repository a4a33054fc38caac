/** What every panel gets: the client, what the session may do, and a signal that ends when the dashboard restarts (after an unlock). */
import type { LambdaCloudClient } from "lambda-cloud";
import type { AnswerAges } from "../answer-age.js";
import { API_BASE_PATH } from "../client.js";
import type { OperationRoute } from "../contracts.js";
import { byId } from "../dom.js";
import { updatedLine } from "../format.js";
import type { Session } from "../session.js";

/** The shared inputs of the panels. */
export interface PanelContext {
  readonly client: LambdaCloudClient;
  readonly ages: AnswerAges;
  readonly session: Session;
  /** Aborts when this run of the dashboard is replaced; panels stop their timers then. */
  readonly signal: AbortSignal;
  /** Called after every successful write, e.g. to reload the audit trail. */
  readonly onWrite: () => void;
}

/** Writes "Updated hh:mm:ss · data N s old" into a panel's head, from the latest answer of `operation`. */
export function showUpdated(context: PanelContext, elementId: string, operation: OperationRoute): void {
  byId(elementId).textContent = updatedLine(new Date(), context.ages.of(operation, API_BASE_PATH));
}
