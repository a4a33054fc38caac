// What the benchmarks read about processes from /proc (Linux): the descendants of a process, and
// the CPU time a process has used, to the nanosecond (unlike wall time, it hardly moves when
// other work shares the machine).
import { readdirSync, readFileSync } from "node:fs";

/** The pids of every process descended from `root`. */
export function descendantsOf(root) {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const found = [];
  const visit = (pid) => {
    for (const [child, parent] of parents)
      if (parent === pid) {
        found.push(child);
        visit(child);
      }
  };
  visit(root);
  return found;
}

/** The descendants of this process whose executable is named `name` (wrangler starts two workerd). */
export function descendantsNamed(name) {
  const matches = descendantsOf(process.pid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0]?.endsWith(name);
    } catch {
      return false;
    }
  });
  if (matches.length === 0) throw new Error(`no ${name} process runs under this one`);
  return matches;
}

/** Milliseconds of CPU the processes have used, all their threads together (/proc/<pid>/task/<tid>/schedstat). */
export function cpuMs(pids) {
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

/** Resident memory of the process now, in MiB (/proc/<pid>/status VmRSS). */
export function residentMiB(pid = process.pid) {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`/proc/${pid}/status has no VmRSS`);
  return Number(match[1]) / 1024;
}
