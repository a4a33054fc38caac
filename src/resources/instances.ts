/** `client.instances`: list, inspect, launch, rename, restart, terminate and wait for instances. */
import { NotFoundError, WaitForStatusError } from "../errors.js";
import { sleep } from "../internal/sleep.js";
import { operations } from "../operation-schemas.js";
import type {
  Instance,
  InstanceLaunchRequest,
  InstanceLaunchResponse,
  InstanceModificationRequest,
  InstanceRestartResponse,
  InstanceStatus,
  InstanceTerminateResponse,
  ListInstancesQuery,
} from "../schemas/instances.js";
import type { RequestOptions } from "../transport/transport.js";
import { Resource } from "./resource.js";

/** Options of {@link Instances.waitFor}. */
export interface WaitForOptions {
  /** The status to wait for. @default "active" */
  readonly status?: InstanceStatus;
  /** Give up after this many milliseconds. Boots usually take 2-4 minutes but can take over 10. @default 1_200_000 (20 minutes) */
  readonly timeoutMs?: number;
  /** Time between polls; keep it ≥ 1 s to stay within the API's rate limit. @default 5_000 */
  readonly intervalMs?: number;
  /** Stops waiting at once; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called with the instance after every poll, e.g. to show progress. */
  readonly onPoll?: (instance: Instance) => void;
}

/** Statuses an instance never leaves. */
const FINAL_STATUSES: ReadonlySet<string> = new Set(["terminated", "preempted"]);

/** Instance operations. */
export class Instances extends Resource {
  /** Lists your instances, optionally only those of one cluster. */
  list(query: ListInstancesQuery = {}, options?: RequestOptions): Promise<Instance[]> {
    return this.transport.call(operations.listInstances, { query }, options);
  }

  /** Gets one instance by id. */
  get(id: string, options?: RequestOptions): Promise<Instance> {
    return this.transport.call(operations.getInstance, { params: { id } }, options);
  }

  /**
   * Renames an instance and/or replaces all of its tags (`tags: []` clears them).
   * @example
   * ```ts
   * await client.instances.update(id, { name: "trainer", tags: [{ key: "team", value: "ml" }] });
   * ```
   */
  update(id: string, changes: InstanceModificationRequest, options?: RequestOptions): Promise<Instance> {
    return this.transport.call(operations.postInstance, { params: { id }, body: changes }, options);
  }

  /**
   * Launches one on-demand instance; it starts in `booting`. Never retried after the request
   * may have reached the server: such failures throw `LaunchOutcomeUnknownError`.
   * @example
   * ```ts
   * const { instance_ids: [id] } = await client.instances.launch({
   *   region_name: "us-west-1", instance_type_name: "gpu_1x_a10", ssh_key_names: ["laptop"],
   * });
   * const ready = await client.instances.waitFor(id!);
   * ```
   */
  launch(request: InstanceLaunchRequest, options?: RequestOptions): Promise<InstanceLaunchResponse> {
    return this.transport.call(operations.launchInstance, { body: request }, options);
  }

  /** Restarts one or more instances. */
  restart(ids: string | readonly string[], options?: RequestOptions): Promise<InstanceRestartResponse> {
    return this.transport.call(operations.restartInstance, { body: { instance_ids: toList(ids) } }, options);
  }

  /** Terminates one or more instances. Irreversible: local disks are erased; filesystems persist. */
  terminate(ids: string | readonly string[], options?: RequestOptions): Promise<InstanceTerminateResponse> {
    return this.transport.call(operations.terminateInstance, { body: { instance_ids: toList(ids) } }, options);
  }

  /**
   * Polls an instance until it reaches `status`. Waiting for `active` fails as soon as the
   * instance is `terminated`, `preempted` or `unhealthy`; waiting for `terminated` succeeds
   * when the instance disappears (the API forgets terminated instances), returning the last
   * instance seen with status `terminated`. Pass the instance itself rather than its id (for
   * example one of `terminate()`'s `terminated_instances`) and it counts as seen, so that an
   * instance already gone at the first poll also counts as terminated.
   * @throws {WaitForStatusError} on timeout or when the status can no longer be reached.
   * @example
   * ```ts
   * const { terminated_instances: [gone] } = await client.instances.terminate(id);
   * await client.instances.waitFor(gone!, { status: "terminated" });
   * ```
   */
  async waitFor(instance: string | Instance, options: WaitForOptions = {}): Promise<Instance> {
    const { status: wanted = "active", timeoutMs = 1_200_000, intervalMs = 5_000, signal, onPoll } = options;
    const deadline = Date.now() + timeoutMs;
    const id = typeof instance === "string" ? instance : instance.id;
    let last: Instance | undefined = typeof instance === "string" ? undefined : instance;
    for (;;) {
      try {
        last = await this.get(id, { signal });
      } catch (error) {
        if (wanted === "terminated" && last && error instanceof NotFoundError) return { ...last, status: "terminated" };
        throw error;
      }
      onPoll?.(last);
      if (last.status === wanted) return last;
      const stuck = FINAL_STATUSES.has(last.status) || (wanted === "active" && last.status === "unhealthy");
      if (stuck) throw this.transport.redact(new WaitForStatusError(id, wanted, last.status, `it is ${last.status}, and will not become ${wanted}.`));
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        const reason = `still ${last.status} after ${timeoutMs} ms. Raise timeoutMs to wait longer.`;
        throw this.transport.redact(new WaitForStatusError(id, wanted, last.status, reason));
      }
      await sleep(Math.min(intervalMs, remaining), signal);
    }
  }
}

function toList(ids: string | readonly string[]): string[] {
  return typeof ids === "string" ? [ids] : [...ids];
}
