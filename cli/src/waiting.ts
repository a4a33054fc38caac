/** Waiting for an instance with live progress, and saying what exists when Ctrl+C stops the wait. */
import type { Instance, InstanceStatus, LambdaCloudClient } from "lambda-cloud";
import type { Context } from "./context.ts";
import { InterruptedError } from "./errors.ts";
import type { Progress } from "./progress.ts";
import { label } from "./resolve.ts";

/** Shown beside the spinner while an instance boots. */
export const TYPICAL_BOOT = "boots usually take 2-4 min";

/** The error for Ctrl+C once an instance exists: it names the instance, its status and how to terminate it. */
export function interruptedWithInstance(
  instance: Pick<Instance, "id" | "name"> & { status?: string },
): InterruptedError {
  const status = instance.status ?? "booting";
  return new InterruptedError(
    `Stopped waiting. Instance ${label(instance)} exists and is ${status}; it is billed until terminated.`,
    {
      suggestion: `Terminate it with: lambda-cloud instances terminate ${instance.id}`,
      details: { instances: [{ id: instance.id, name: instance.name ?? null, status }] },
    },
  );
}

/**
 * Polls `instance` until it has `status`, reporting each poll to `progress`.
 * @throws the client's `WaitForStatusError` on timeout; {@link InterruptedError} naming the instance on Ctrl+C.
 */
export async function waitWithProgress(
  context: Context,
  client: LambdaCloudClient,
  instance: Instance | Pick<Instance, "id" | "name">,
  status: InstanceStatus,
  timeoutMs: number,
  progress: Progress,
): Promise<Instance> {
  let last: Pick<Instance, "id" | "name"> & { status?: string } = instance;
  const hint = status === "active" ? TYPICAL_BOOT : "";
  try {
    // A full instance counts as seen, so one already gone counts as terminated.
    const reached = await client.instances.waitFor("status" in instance ? instance : instance.id, {
      status,
      timeoutMs,
      signal: context.signal,
      onPoll: (polled) => {
        last = polled;
        progress.event(
          "status",
          { id: polled.id, status: polled.status, ip: polled.ip ?? null },
          `${label(polled)} is ${polled.status}`,
          hint,
        );
      },
    });
    progress.end(`${label(reached)} is ${reached.status}`, true);
    return reached;
  } catch (error) {
    progress.end(`${label(last)} is ${last.status ?? "unknown"}`, false);
    if (context.signal.aborted) throw interruptedWithInstance(last);
    throw error;
  }
}
