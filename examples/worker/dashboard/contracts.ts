/**
 * What the dashboard uses of the gateway's contract (src/proxy/gateway/contract.ts) and of the
 * operations table: the header and path names and the audit record's and watch's shapes, imported from the
 * one place that defines them rather than typed again here.
 */

export { type OperationRoute, operationRoutes } from "../../../src/operations.js";
export {
  AUDIT_PATH,
  type AuditPage,
  type AuditRecord,
  IDEMPOTENCY_HEADER,
  LIVE_INSTANCES_PATH,
  type LiveInstancesEvent,
  REFRESH_HEADER,
  WATCHES_PATH,
} from "../../../src/proxy/gateway/contract.js";
export type { Watch, WatchList, WatchSpec } from "../../../src/proxy/gateway/watch.js";
