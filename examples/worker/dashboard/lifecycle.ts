/**
 * What this tab is waiting for, and when it happens: launches sent (until their instance is
 * listed), instances booting since a launch of this tab (until they are active or fail), and
 * terminations (until the instance leaves the list). Pure bookkeeping; the panel shows it.
 */
import type { Instance } from "lambda-cloud";
import { shortId } from "./format.js";
import type { PendingLaunch } from "./views/instances.js";

/** Something the user was waiting for that has now happened. */
export type LifecycleEvent =
  | { readonly kind: "active"; readonly instance: Instance; readonly bootMs: number }
  | { readonly kind: "failed"; readonly instance: Instance }
  | { readonly kind: "terminated"; readonly label: string };

/** The name of an instance, or the start of its id. */
export function labelOf(instance: Pick<Instance, "id" | "name">): string {
  return instance.name || shortId(instance.id);
}

/** The launches and terminations of this tab. */
export class Lifecycle {
  readonly #pending = new Map<string, PendingLaunch & { id?: string }>();
  readonly #launchedAt = new Map<string, number>();
  readonly #terminating = new Map<string, string>();

  /** Launches not yet seen in the list, oldest first. */
  get pending(): PendingLaunch[] {
    return [...this.#pending.values()];
  }

  /** When this tab asked for the instance, while it boots. */
  launchedAt(id: string): number | undefined {
    return this.#launchedAt.get(id);
  }

  /** A launch was sent (again, for a retry: same key, same row). */
  sent(launch: PendingLaunch): void {
    this.#pending.set(launch.key, launch);
  }

  /** The launch of `key` was answered with `id` (or with none). */
  answered(key: string, id: string | undefined): void {
    const launch = this.#pending.get(key);
    if (!launch) return;
    if (id === undefined) this.#pending.delete(key);
    else {
      this.#pending.set(key, { ...launch, id });
      this.#launchedAt.set(id, launch.startedAt);
    }
  }

  /** The launch of `key` failed: its row goes. */
  failed(key: string): void {
    this.#pending.delete(key);
  }

  /** A terminate of `instance` was accepted. */
  terminating(instance: Instance): void {
    this.#terminating.set(instance.id, labelOf(instance));
  }

  /** Takes a fresh instance list and returns what it shows happened. */
  observe(list: readonly Instance[], now = Date.now()): LifecycleEvent[] {
    const present = new Set(list.map((instance) => instance.id));
    const events: LifecycleEvent[] = [];
    for (const [key, launch] of this.#pending)
      if (launch.id !== undefined && present.has(launch.id)) this.#pending.delete(key);
    for (const instance of list) {
      const startedAt = this.#launchedAt.get(instance.id);
      if (startedAt === undefined || instance.status === "booting") continue;
      this.#launchedAt.delete(instance.id);
      events.push(
        instance.status === "active"
          ? { kind: "active", instance, bootMs: now - startedAt }
          : { kind: "failed", instance },
      );
    }
    for (const [id, label] of this.#terminating) {
      if (present.has(id)) continue;
      this.#terminating.delete(id);
      this.#launchedAt.delete(id);
      events.push({ kind: "terminated", label });
    }
    return events;
  }
}
