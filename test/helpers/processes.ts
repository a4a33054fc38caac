// What tests and benchmarks read about processes from /proc (Linux): the descendants of a
// process, the memory figures of one, and the CPU time some have used, to the nanosecond (unlike
// wall time, it hardly moves when other work shares the machine). Plain TypeScript that Node runs
// as is, so bench/*.mjs import it too.
import { readdirSync, readFileSync } from "node:fs";

/** The pids of every process descended from `root`. */
export function descendantsOf(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const visit = (pid: number) => {
    for (const [child, parent] of parents) {
      if (parent !== pid) continue;
      found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}

/**
 * The descendants of this process whose executable is named `name` (wrangler dev runs two workerd).
 * @throws {Error} when there is none.
 */
export function descendantsNamed(name: string): number[] {
  const matches = descendantsOf(process.pid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0]?.endsWith(name) ?? false;
    } catch {
      return false;
    }
  });
  if (matches.length === 0) throw new Error(`no ${name} process runs under this one`);
  return matches;
}

/** Milliseconds of CPU the processes have used, all their threads together (/proc/<pid>/task/<tid>/schedstat). */
export function cpuMs(pids: readonly number[]): number {
  let ns = 0;
  for (const pid of pids) {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
      } catch {
        // The thread ended while we looked.
      }
    }
  }
  return ns / 1e6;
}

/** A field of /proc/<pid>/status in kB, e.g. VmRSS (resident now) or VmHWM (resident at its peak). */
export function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(match[1]);
}
