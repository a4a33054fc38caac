/**
 * The instance lifecycle, derived from timestamps and the simulated clock rather than timers:
 * launch → `booting` (the ip appears halfway) → `active` after `bootMs`; restart → `booting`
 * → `active`; terminate → `terminating` for `bootMs / 2` → `terminated` for `bootMs / 2` →
 * gone. With a manual clock, nothing moves until `sim.clock.advance(ms)`.
 */
import type { InstanceActionAvailability } from "../schemas/instances.js";

/** The lifecycle timestamps of one instance. */
export interface LifecycleTimes {
  /** When the current boot (launch or restart) started. */
  readonly bootStartedAt: number;
  /** When the public ip became or becomes visible. */
  readonly ipVisibleFrom: number;
  /** When termination was requested, if it was. */
  readonly terminateRequestedAt?: number | undefined;
}

/** A status the simulator produces, or `gone` once a terminated instance is forgotten. */
export type LifecycleStatus = "booting" | "active" | "terminating" | "terminated" | "gone";

/** The status of an instance at `now`. */
export function statusAt(times: LifecycleTimes, now: number, bootMs: number): LifecycleStatus {
  if (times.terminateRequestedAt !== undefined) {
    const elapsed = now - times.terminateRequestedAt;
    if (elapsed < bootMs / 2) return "terminating";
    return elapsed < bootMs ? "terminated" : "gone";
  }
  return now - times.bootStartedAt < bootMs ? "booting" : "active";
}

const available = { available: true };
function unavailable(reason_code: string, reason_description: string) {
  return { available: false, reason_code, reason_description };
}

/** Which actions an instance allows in a status. */
export function actionsFor(status: LifecycleStatus): InstanceActionAvailability {
  if (status === "active") {
    return {
      migrate: available,
      rebuild: available,
      restart: available,
      cold_reboot: available,
      power_cycle: available,
      terminate: available,
    };
  }
  if (status === "booting") {
    const notYet = unavailable("vm-has-not-launched", "The instance has not finished booting.");
    return {
      migrate: notYet,
      rebuild: notYet,
      restart: notYet,
      cold_reboot: notYet,
      power_cycle: notYet,
      terminate: available,
    };
  }
  const ending = unavailable("vm-is-terminating", "The instance is terminating.");
  return {
    migrate: ending,
    rebuild: ending,
    restart: ending,
    cold_reboot: ending,
    power_cycle: ending,
    terminate: ending,
  };
}
