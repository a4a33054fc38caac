/**
 * The simulator's count of the API calls it has answered, by operation and status, so that a
 * test or benchmark in another process can see how many calls reached "the API" (read through
 * the control API: `GET /__admin/traffic`).
 */

/** What {@link Traffic.snapshot} returns. */
export interface TrafficSnapshot {
  /** API calls answered since the simulator started, refused ones (429) included. */
  readonly requests: number;
  /** Of those, how many were answered with each status, e.g. `{ "200": 40, "429": 2 }`. */
  readonly by_status: Readonly<Record<string, number>>;
  /** Of those, how many named each operation id. */
  readonly by_operation: Readonly<Record<string, number>>;
}

/** A running count of API calls. */
export interface Traffic {
  /** Counts one answered call. */
  record(operationId: string, status: number): void;
  /** The counts so far. */
  snapshot(): TrafficSnapshot;
}

/** Creates an empty count. */
export function createTraffic(): Traffic {
  let requests = 0;
  const byStatus: Record<string, number> = {};
  const byOperation: Record<string, number> = {};
  return {
    record(operationId, status) {
      requests += 1;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      byOperation[operationId] = (byOperation[operationId] ?? 0) + 1;
    },
    snapshot: () => ({ requests, by_status: { ...byStatus }, by_operation: { ...byOperation } }),
  };
}
