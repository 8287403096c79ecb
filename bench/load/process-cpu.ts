// CPU time of the server under load without a profiler's own cost: user + system time of every
// process in its process group (the load stack starts `next start` as a group leader), read
// from /proc. Linux only; elsewhere the figure is left out.
import { execSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

let ticksPerSecond: number | undefined;

/** CPU seconds used so far by the processes of group `pgid`, or null where /proc is missing. */
export function processGroupCpuSeconds(pgid: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return null;
  }
  ticksPerSecond ??= Number(execSync("getconf CLK_TCK").toString().trim()) || 100;
  let ticks = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // After the command name in parentheses: state, ppid, pgrp, … utime (14th field), stime (15th).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / ticksPerSecond;
}
