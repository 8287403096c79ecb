import { spawn, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { InvalidEnvironmentError } from "@/server/env";

/**
 * Where `next` listens: HOST when set; otherwise loopback for `next dev` (the demo sign-in and
 * the outbox are for this machine only) and every interface for `next start` (a production
 * server sits behind a load balancer).
 */
export function listenHost(mode: "dev" | "start", host = process.env.HOST): string | undefined {
  const configured = host?.trim();
  if (configured) return configured;
  return mode === "dev" ? "127.0.0.1" : undefined;
}

/** The `next` command line for a mode, port and listen address. */
export function nextArgs(mode: "dev" | "start", port: number, host: string | undefined): string[] {
  return ["node_modules/next/dist/bin/next", mode, "--port", String(port), ...(host ? ["--hostname", host] : [])];
}

/**
 * How many `next start` processes serve the port (WEB_CONCURRENCY): unset means one, `auto` one
 * per core. One Node process uses one core for JavaScript; the workers share the port through
 * Node's cluster module (next-cluster.mjs).
 */
export function workerCount(value = process.env.WEB_CONCURRENCY): number {
  const configured = value?.trim();
  if (!configured) return 1;
  if (configured === "auto") return availableParallelism();
  const n = Number(configured);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidEnvironmentError([`WEB_CONCURRENCY must be "auto" or a whole number from 1 to 64, got "${configured}"`]);
  return n;
}

/** The command line that runs `args` of `next start` in `workers` processes sharing the port. */
export function clusterArgs(workers: number, args: string[]): string[] {
  const [, mode, ...options] = args;
  if (mode !== "start") throw new Error("only next start runs as a cluster");
  return ["scripts/stack/next-cluster.mjs", String(workers), ...options];
}

/** Starts `next dev` or `next start` (in WEB_CONCURRENCY workers) as a child that inherits our terminal. */
export function startNext(mode: "dev" | "start", port: number, env: Record<string, string>): ChildProcess {
  const args = nextArgs(mode, port, listenHost(mode, env.HOST ?? process.env.HOST));
  const workers = mode === "start" ? workerCount(env.WEB_CONCURRENCY ?? process.env.WEB_CONCURRENCY) : 1;
  const child = spawn(process.execPath, workers > 1 ? clusterArgs(workers, args) : args, {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env, PORT: String(port) },
    stdio: "inherit",
  });
  return child;
}

/** Resolves when `url` answers at all (any status), rejects after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(30_000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
