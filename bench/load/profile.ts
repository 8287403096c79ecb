// Summaries of the V8 CPU profiles (`--cpu-prof`) the load test's server processes write when
// they stop: CPU time per completed link in a time window, and where the time went (by
// function and by package). Profile timestamps are microseconds of the system's monotonic
// clock, the same clock as process.hrtime in this process, so windows taken here apply.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

/** Now, on the profiles' clock (microseconds). */
export const profileClock = (): number => Number(process.hrtime.bigint() / 1000n);

/** Where a frame's code lives: a package, the app's own bundle, Node itself or V8's bookkeeping. */
function owner(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return "node";
  if (url.startsWith("wasm:")) return "(wasm)";
  if (url.includes("/.next/server/")) return "app bundle (.next/server)";
  return path.basename(url);
}

type Window = { from: number; to: number };

function* samplesIn(profile: CpuProfile, window?: Window): Generator<{ node: number; us: number }> {
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i]!;
    // A sample's time is the interval that ended at it.
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (window && (at < window.from || at > window.to)) continue;
    yield { node: profile.samples[i]!, us };
  }
}

const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);

/**
 * A printable summary of every profile in `dir`: busy CPU (all samples but idle) in `window`,
 * per completed link when given, and the top self-time functions and packages.
 */
export function summarizeProfiles(dir: string, options: { completedLinks?: number; window?: Window; top?: number } = {}): string {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  if (files.length === 0) return `  no .cpuprofile in ${dir}`;
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let busyUs = 0;
  let totalUs = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    for (const { node, us } of samplesIn(profile, options.window)) {
      const frame = nodes.get(node)!.callFrame;
      totalUs += us;
      if (frame.functionName === "(idle)") continue;
      busyUs += us;
      const where = frame.url ? `${frame.url.replace(/^.*node_modules\//, "").replace(/^.*\/\.next\//, ".next/")}:${frame.lineNumber + 1}` : "";
      const fn = `${frame.functionName || "(anonymous)"} ${where}`.trim();
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
      const who = owner(frame.url, frame.functionName);
      byOwner.set(who, (byOwner.get(who) ?? 0) + us);
    }
  }
  const pct = (us: number) => `${((us / Math.max(1, busyUs)) * 100).toFixed(1).padStart(5)} %`;
  const n = options.top ?? 20;
  const lines = [
    `  ${files.length} process profile(s); busy CPU ${(busyUs / 1e6).toFixed(1)} s of ${(totalUs / 1e6).toFixed(1)} s sampled` +
      (options.completedLinks ? ` = ${(busyUs / 1000 / options.completedLinks).toFixed(1)} ms per completed link` : ""),
    `  self time by package:`,
    ...top(byOwner, 12).map(([who, us]) => `    ${pct(us)}  ${who}`),
    `  top ${n} functions by self time:`,
    ...top(byFunction, n).map(([fn, us]) => `    ${pct(us)}  ${fn.slice(0, 150)}`),
  ];
  return lines.join("\n");
}
