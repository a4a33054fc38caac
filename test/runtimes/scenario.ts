/**
 * The one scenario every runtime runs (Node 22 and 24, Deno, Bun, workerd, happy-dom and
 * Chromium): the built package, imported by its name as a user imports it, against a
 * simulator. It imports nothing but "lambda-cloud" and standard globals, so every runtime
 * and bundler can load it as it is.
 */
import {
  type Instance,
  InsufficientCapacityError,
  LambdaCloudClient,
  type LambdaCloudClientOptions,
  RequestValidationError,
} from "lambda-cloud";

/** Levers on the simulator that the API itself does not offer. */
export interface SimulatorControl {
  /** Pins how many instances of a type a region holds (`null` restores the simulator's own figures). */
  setCapacity(instanceTypeName: string, regionName: string, units: number | null): Promise<void>;
  /** Moves the simulator's clock forward, so instances boot and terminate without waiting. */
  advance(ms: number): Promise<void>;
}

/** How a runtime runs the scenario. */
export interface ScenarioOptions {
  /** The name printed with the result, e.g. `"node 22"`. */
  readonly runtime: string;
  /** Where the client goes: the simulator or a proxy in front of it, and the key (or proxy token) to send. */
  readonly client: Pick<LambdaCloudClientOptions, "baseUrl" | "apiKey" | "fetch">;
  readonly control: SimulatorControl;
  /**
   * The simulator's audit-log page size, when it is small enough that the scenario's events
   * span several pages; the scenario then requires more than one page.
   */
  readonly auditPageSize?: number | undefined;
}

/** What a successful run did. */
export interface ScenarioReport {
  readonly runtime: string;
  /** The names of the checks, in the order they passed. */
  readonly passed: readonly string[];
  /** `"<runtime>: <n> checks passed"`. */
  readonly summary: string;
}

/** Longer than any simulator's boot time, so one advance finishes a boot or a termination. */
const ADVANCE_MS = 30 * 60_000;

class CheckFailed extends Error {
  override name = "CheckFailed";
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

/** Runs the scenario; resolves with the report, or rejects naming the check that failed. */
export async function runScenario(options: ScenarioOptions): Promise<ScenarioReport> {
  const { runtime, control } = options;
  const passed: string[] = [];
  const check = async <T>(name: string, body: () => Promise<T>): Promise<T> => {
    try {
      const value = await body();
      passed.push(name);
      return value;
    } catch (error) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(`${runtime}: check "${name}" failed after ${passed.length} passed: ${detail}`, { cause: error });
    }
  };

  // Every request the client makes goes through here, so checks can tell "nothing was sent"
  // (a fetch given an aborted signal sends nothing: it rejects at once).
  let requestsSent = 0;
  const send = options.client.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const client = new LambdaCloudClient({
    ...options.client,
    fetch: (input, init) => {
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      if (!signal?.aborted) requestsSent++;
      return send(input, init);
    },
    rateLimit: false, // the simulators here enforce no limits; spacing calls would only slow the run
  });
  const suffix = crypto.randomUUID().slice(0, 8);
  // While waiting, each poll that does not see the wanted status moves the simulator's clock on.
  const advancing: Promise<void>[] = [];
  const advanceOnPoll = (wanted: string) => (instance: Instance) => {
    if (instance.status !== wanted) advancing.push(control.advance(ADVANCE_MS));
  };

  const placement = await check("list instance types, with the regions that have capacity", async () => {
    const types = await client.instanceTypes.list();
    const entries = Object.entries(types);
    assert(entries.length >= 2, `expected several instance types, got ${entries.length}`);
    for (const [name, entry] of entries) {
      assert(entry.instance_type.name === name, `type ${name} is listed as ${entry.instance_type.name}`);
      assert(Number.isInteger(entry.instance_type.price_cents_per_hour), `type ${name} has no price`);
    }
    const available = entries.find(([, entry]) => entry.regions_with_capacity_available.length > 0);
    assert(available, "no instance type has capacity in any region");
    const [instanceTypeName, entry] = available;
    return { instanceTypeName, regionName: entry.regions_with_capacity_available[0]!.name };
  });
  // Keep that capacity for the whole run, whatever the simulator's clock does to its own figures.
  await control.setCapacity(placement.instanceTypeName, placement.regionName, 1);

  const sshKeyName = `runtime-${suffix}`;
  await check("create an SSH key (a generated pair)", async () => {
    const key = await client.sshKeys.create({ name: sshKeyName });
    assert(key.name === sshKeyName, `the key is named ${key.name}`);
    assert(
      "private_key" in key && typeof key.private_key === "string" && key.private_key.includes("PRIVATE KEY"),
      "no private key was returned",
    );
    const listed = await client.sshKeys.list();
    assert(
      listed.some((listedKey) => listedKey.id === key.id),
      "the new key is not listed",
    );
  });

  const instanceId = await check("launch an instance, which starts booting", async () => {
    const { instance_ids: ids } = await client.instances.launch({
      region_name: placement.regionName,
      instance_type_name: placement.instanceTypeName,
      ssh_key_names: [sshKeyName],
      name: `scenario-${suffix}`,
    });
    assert(ids.length === 1 && /^[0-9a-f]{32}$/.test(ids[0]!), `expected one instance id, got ${JSON.stringify(ids)}`);
    const instance = await client.instances.get(ids[0]!);
    assert(instance.status === "booting", `a new instance is ${instance.status}, not booting`);
    return ids[0]!;
  });

  await check("waitFor the instance to become active", async () => {
    const seen: string[] = [];
    const active = await client.instances.waitFor(instanceId, {
      intervalMs: 10,
      timeoutMs: 60_000,
      onPoll: (instance) => {
        seen.push(instance.status);
        advanceOnPoll("active")(instance);
      },
    });
    await Promise.all(advancing.splice(0));
    assert(active.status === "active", `waitFor returned ${active.status}`);
    assert(seen[0] === "booting", `the first poll saw ${seen[0]}, not booting`);
    assert(typeof active.ip === "string" && active.ip.length > 0, "an active instance has no ip");
  });

  await check("update the instance's tags", async () => {
    const tags = [
      { key: "runtime", value: runtime },
      { key: "run", value: suffix },
    ];
    const updated = await client.instances.update(instanceId, { tags });
    assert(
      JSON.stringify(updated.tags) === JSON.stringify(tags),
      `update returned tags ${JSON.stringify(updated.tags)}`,
    );
    const fetched = await client.instances.get(instanceId);
    assert(JSON.stringify(fetched.tags) === JSON.stringify(tags), `get returned tags ${JSON.stringify(fetched.tags)}`);
  });

  await check("abort waitFor through an AbortSignal", async () => {
    const controller = new AbortController();
    const reason = new Error(`stop waiting ${suffix}`);
    // Waiting for a status the instance will not reach: the first poll aborts the wait.
    const waiting = client.instances.waitFor(instanceId, {
      status: "booting",
      intervalMs: 3_600_000,
      signal: controller.signal,
      onPoll: () => controller.abort(reason),
    });
    const outcome = await waiting.then(
      () => "resolved",
      (error: unknown) => error,
    );
    assert(outcome === reason, `waitFor settled with ${String(outcome)} instead of the signal's reason`);
  });

  await check("abort a call whose signal is already aborted, sending nothing", async () => {
    const before = requestsSent;
    const reason = new Error(`aborted before sending ${suffix}`);
    const outcome = await client.instances.list({}, { signal: AbortSignal.abort(reason) }).then(
      () => "resolved",
      (error: unknown) => error,
    );
    assert(outcome === reason, `the call settled with ${String(outcome)} instead of the signal's reason`);
    assert(requestsSent === before, "a request was sent despite the aborted signal");
  });

  await check("reject an invalid launch request before sending it (RequestValidationError)", async () => {
    const before = requestsSent;
    const outcome = await client.instances
      // No key name: the type ([string]) forbids it, as the API does; a JavaScript caller can still send it.
      .launch({
        region_name: placement.regionName,
        instance_type_name: placement.instanceTypeName,
        ssh_key_names: [] as unknown as [string],
      })
      .then(
        () => "resolved",
        (error: unknown) => error,
      );
    assert(outcome instanceof RequestValidationError, `expected a RequestValidationError, got ${String(outcome)}`);
    assert(outcome.operationId === "launchInstance", `the error names ${outcome.operationId}`);
    assert(
      outcome.problems.some((problem) => problem.path === "ssh_key_names"),
      `no problem names ssh_key_names: ${outcome.message}`,
    );
    assert(requestsSent === before, "the invalid request was sent");
  });

  await check("terminate the instance and waitFor it to be gone", async () => {
    const { terminated_instances: terminated } = await client.instances.terminate(instanceId);
    assert(
      terminated.length === 1 && terminated[0]!.id === instanceId,
      `terminate answered ${JSON.stringify(terminated.map((instance) => instance.id))}`,
    );
    const gone = await client.instances.waitFor(instanceId, {
      status: "terminated",
      intervalMs: 10,
      timeoutMs: 60_000,
      onPoll: advanceOnPoll("terminated"),
    });
    await Promise.all(advancing.splice(0));
    assert(gone.status === "terminated", `waitFor returned ${gone.status}`);
    const remaining = await client.instances.list();
    assert(!remaining.some((instance) => instance.id === instanceId), "the terminated instance is still listed");
  });

  await check("a launch without capacity throws InsufficientCapacityError", async () => {
    await control.setCapacity(placement.instanceTypeName, placement.regionName, 0);
    try {
      const outcome = await client.instances
        .launch({
          region_name: placement.regionName,
          instance_type_name: placement.instanceTypeName,
          ssh_key_names: [sshKeyName],
        })
        .then(
          () => "resolved",
          (error: unknown) => error,
        );
      assert(
        outcome instanceof InsufficientCapacityError,
        `expected an InsufficientCapacityError, got ${String(outcome)}`,
      );
      assert(
        outcome.code === "instance-operations/launch/insufficient-capacity",
        `the error's code is ${outcome.code}`,
      );
      assert(outcome.status === 400, `the error's status is ${outcome.status}`);
    } finally {
      await control.setCapacity(placement.instanceTypeName, placement.regionName, null);
    }
  });

  await check("paginate the audit log", async () => {
    const pages: string[][] = [];
    let pageToken: string | undefined;
    do {
      const page = await client.auditEvents.page(pageToken === undefined ? {} : { page_token: pageToken });
      pages.push(page.data.map((event) => event.event_id));
      pageToken = page.page_token ?? undefined;
    } while (pageToken !== undefined && pages.length < 1_000);
    const walked = pages.flat();
    const streamed: string[] = [];
    const actions = new Set<string>();
    for await (const event of client.auditEvents.list()) {
      streamed.push(event.event_id);
      if (event.resource_lrns.some((lrn) => lrn.endsWith(instanceId))) actions.add(event.action);
    }
    assert(
      JSON.stringify(streamed) === JSON.stringify(walked),
      "auditEvents.list() did not yield the events of the pages, in order",
    );
    assert(new Set(streamed).size === streamed.length, "an event was yielded twice");
    for (const action of ["instance.launch", "instance.update", "instance.terminate"]) {
      assert(actions.has(action), `no ${action} event for the instance (saw ${[...actions].join(", ") || "none"})`);
    }
    if (options.auditPageSize !== undefined) {
      assert(pages.length > 1, `the ${walked.length} events came in one page`);
      assert(
        pages.slice(0, -1).every((page) => page.length === options.auditPageSize),
        "a page before the last is not full",
      );
    }
  });

  return { runtime, passed, summary: `${runtime}: ${passed.length} checks passed` };
}
