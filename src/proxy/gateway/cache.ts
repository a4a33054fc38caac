/**
 * The shared cache of reads: one entry per upstream path (with its query), fresh for the
 * time the operations table gives its resource (`resourceFreshnessMs`), made stale by the
 * writes that change that resource (`resourcesChangedBy`). Stale entries are kept, to be
 * served when the budget is spent or the upstream fails.
 */
import { type ResourceName, resourceFreshnessMs } from "../../operations.js";
import type { HeldAnswer } from "./answer.js";

/** A cached read and how it stands now. */
export interface CacheLookup {
  readonly answer: HeldAnswer;
  /** Milliseconds since it came from upstream. */
  readonly ageMs: number;
  /** Milliseconds it stays fresh; zero or negative when stale. */
  readonly freshForMs: number;
}

/** The shared read cache of one key. */
export interface ReadCache {
  /** The entry for `path`, fresh or stale, or `undefined`. */
  get(path: string): CacheLookup | undefined;
  /**
   * Stores a successful read of `resource`, sent when the resource's {@link ReadCache.generation}
   * was `sentIn`. A read sent before a write that changed the resource is stored already stale
   * (kept for when the upstream fails, never served as fresh), and never replaces an entry read later.
   */
  put(path: string, resource: ResourceName, answer: HeldAnswer, sentIn: number): void;
  /** Makes every entry of these resources stale, and starts a new generation of each. */
  invalidate(resources: readonly ResourceName[]): void;
  /** How many times `resource` has been invalidated: reads sent in different generations are never shared. */
  generation(resource: ResourceName): number;
}

interface Entry {
  readonly sentIn: number;
  readonly resource: ResourceName;
  readonly answer: HeldAnswer;
  freshUntil: number;
}

/** Creates an empty cache holding at most `maxEntries` paths (the least recently stored go first). */
export function createReadCache(now: () => number, maxEntries: number): ReadCache {
  const entries = new Map<string, Entry>();
  const generations = new Map<ResourceName, number>();
  const generation = (resource: ResourceName) => generations.get(resource) ?? 0;
  return {
    get(path) {
      const entry = entries.get(path);
      if (entry === undefined) return undefined;
      const time = now();
      return {
        answer: entry.answer,
        ageMs: Math.max(0, time - entry.answer.receivedAt),
        freshForMs: entry.freshUntil - time,
      };
    },
    put(path, resource, answer, sentIn) {
      const held = entries.get(path);
      if (held && held.sentIn > sentIn) return;
      entries.delete(path);
      const freshUntil = sentIn === generation(resource) ? answer.receivedAt + resourceFreshnessMs[resource] : now();
      entries.set(path, { sentIn, resource, answer, freshUntil });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    invalidate(resources) {
      const time = now();
      for (const resource of resources) generations.set(resource, generation(resource) + 1);
      for (const entry of entries.values())
        if (resources.includes(entry.resource)) entry.freshUntil = Math.min(entry.freshUntil, time);
    },
    generation,
  };
}
