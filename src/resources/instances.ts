/** `client.instances`: list, inspect, launch, rename, restart, terminate and wait for instances. */
import { LaunchOutcomeUnknownError, NotFoundError, WaitForStatusError } from "../errors.js";
import { sleep } from "../internal/sleep.js";
import * as operations from "../operation-schemas.js";
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
import { taggedWith, withIdempotencyTag } from "./idempotency.js";
import {
  type LaunchWhenAvailableOptions,
  type LaunchWhenAvailableRequest,
  type LaunchWhenAvailableResult,
  launchWhenAvailable,
} from "./launch-when-available.js";
import { Resource } from "./resource.js";

/** Options of {@link InstancesClient.waitFor}. */
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

/** Options of {@link InstancesClient.launch}. */
export interface LaunchOptions extends RequestOptions {
  /**
   * The value of the launch's `lambda-cloud:idempotency` tag: leave it out for a fresh random
   * token, pass your own (at most 128 characters) to find the launch later under a name you
   * keep, or `false` to send no tag (and so have no reconciliation). A `lambda-cloud:idempotency`
   * tag already in `tags` is kept and used as the token.
   * @default a fresh random token
   */
  readonly idempotencyToken?: string | false | undefined;
  /**
   * How long to look for the tagged instance when the launch's outcome is unknown (connection
   * lost, timeout, 5xx) before throwing `LaunchOutcomeUnknownError`; `0` throws at once.
   * @default 60_000
   */
  readonly reconcileMs?: number | undefined;
  /** Time between the instance lists of the reconciliation; the client's rate limiter also applies. @default 5_000 */
  readonly reconcileIntervalMs?: number | undefined;
}

/** Statuses an instance never leaves. */
const FINAL_STATUSES: ReadonlySet<string> = new Set(["terminated", "preempted"]);

/**
 * Instances: list, get, update, launch, restart, terminate, waitFor: `client.instances` of a `LambdaCloudClient`, or a client of this group alone, which takes
 * the same options and bundles only this group's operations.
 * @example
 * ```ts
 * const running = (await new InstancesClient().list()).filter((instance) => instance.status === "active");
 * ```
 */
export class InstancesClient extends Resource {
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
   * Launches one on-demand instance; it starts in `booting`. The launch carries an idempotency
   * tag (`lambda-cloud:idempotency`, see {@link LaunchOptions.idempotencyToken}) and is never
   * re-sent. When its outcome is unknown (connection lost after sending, timeout, 5xx), the
   * client lists the instances for up to `reconcileMs` looking for the tag: found, the launch
   * resolves with the instance's id as if it had answered; not found, it throws
   * `LaunchOutcomeUnknownError` with the `token`, for {@link InstancesClient.findByIdempotencyToken} later.
   * @example
   * ```ts
   * const { instance_ids: [id] } = await client.instances.launch({
   *   region_name: "us-west-1", instance_type_name: "gpu_1x_a10", ssh_key_names: ["laptop"],
   * });
   * const ready = await client.instances.waitFor(id!);
   * ```
   */
  async launch(request: InstanceLaunchRequest, options: LaunchOptions = {}): Promise<InstanceLaunchResponse> {
    const { idempotencyToken, reconcileMs = 60_000, reconcileIntervalMs = 5_000, ...requestOptions } = options;
    const tagged = withIdempotencyTag(request, idempotencyToken);
    try {
      return await this.transport.call(operations.launchInstance, { body: tagged.request }, requestOptions);
    } catch (error) {
      if (!(error instanceof LaunchOutcomeUnknownError) || tagged.token === undefined) throw error;
      const found = await this.#reconcile(tagged.token, reconcileMs, reconcileIntervalMs, requestOptions.signal);
      if (found.length > 0) return { instance_ids: found.map((instance) => instance.id) };
      throw this.transport.redact(new LaunchOutcomeUnknownError(error.cause, tagged.token));
    }
  }

  /**
   * The instances launched with this idempotency token (the `token` of a `LaunchOutcomeUnknownError`,
   * or your own `idempotencyToken`); empty when none exists (yet).
   * @example
   * ```ts
   * const [instance] = await client.instances.findByIdempotencyToken(error.token);
   * ```
   */
  async findByIdempotencyToken(token: string, options?: RequestOptions): Promise<Instance[]> {
    return taggedWith(await this.list({}, options), token);
  }

  /**
   * Waits for capacity and launches one instance: polls the instance types (every `pollIntervalMs`,
   * 5 s by default, through the client's rate limiter), launches the best preferred (type, region)
   * that has capacity, treats an insufficient-capacity answer (someone was faster) as "keep going",
   * and stops at the first success. Every attempt carries the call's one idempotency token, and an
   * attempt after one whose outcome is unknown first looks the token up, so a call leaves at most
   * one instance. No time limit unless `timeoutMs`; see docs/capacity.md.
   * @throws {LaunchWhenAvailableError} when aborted or timed out, saying whether an instance exists.
   * @throws {RequestValidationError} before anything is sent, when the request or an option is invalid.
   * @example
   * ```ts
   * const { instance, summary } = await client.instances.launchWhenAvailable(
   *   { instance_type_name: { gpu: "H100" }, region_name: ["us-west-1", "us-east-1"], ssh_key_names: ["laptop"] },
   *   { maxPriceCentsPerHour: 300, waitUntilActive: true, onEvent: (event) => console.log(event.type) },
   * );
   * console.log(`ssh ubuntu@${instance.ip} after ${summary.polls} polls`);
   * ```
   */
  launchWhenAvailable(
    request: LaunchWhenAvailableRequest,
    options?: LaunchWhenAvailableOptions,
  ): Promise<LaunchWhenAvailableResult> {
    const listInstanceTypes = (requestOptions: RequestOptions) =>
      this.transport.call(operations.listInstanceTypes, {}, requestOptions);
    return launchWhenAvailable({ instances: this, listInstanceTypes }, request, options);
  }

  /** Looks for the tagged instance until it appears or `windowMs` has passed; list failures only mean "not seen yet". */
  async #reconcile(
    token: string,
    windowMs: number,
    intervalMs: number,
    signal: AbortSignal | undefined,
  ): Promise<Instance[]> {
    const deadline = Date.now() + windowMs;
    while (Date.now() < deadline) {
      try {
        const found = await this.findByIdempotencyToken(token, { signal });
        if (found.length > 0) return found;
      } catch {
        if (signal?.aborted) throw signal.reason;
      }
      await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())), signal);
    }
    return [];
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
      if (stuck)
        throw this.transport.redact(
          new WaitForStatusError(id, wanted, last.status, `it is ${last.status}, and will not become ${wanted}.`),
        );
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
