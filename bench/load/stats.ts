// Latency summaries and the lines the load test prints.
import { loadavg } from "node:os";

export type Summary = { n: number; p50: number; p95: number; p99: number; max: number };

export function summarize(samples: number[]): Summary {
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

export function formatSummary(label: string, s: Summary, seconds: number): string {
  const ms = (v: number) => `${v.toFixed(1).padStart(7)} ms`;
  const rate = seconds > 0 ? (s.n / seconds).toFixed(1) : "-";
  return `  ${label.padEnd(34)} n=${String(s.n).padStart(6)}  p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  ${rate.padStart(7)} req/s`;
}

/** The 1/5/15-minute load averages, printed beside every figure: the machine is shared. */
export function loadAverage(): string {
  return `load average ${loadavg().map((l) => l.toFixed(2)).join(", ")}`;
}

export function countBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

export function formatCounts(counts: Map<string | number, number>): string {
  return counts.size === 0 ? "none" : [...counts].map(([k, n]) => `${k}×${n}`).join(", ");
}
