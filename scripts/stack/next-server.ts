import { spawn, type ChildProcess } from "node:child_process";

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

/** Starts `next dev` or `next start` as a child that inherits our terminal. */
export function startNext(mode: "dev" | "start", port: number, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, nextArgs(mode, port, listenHost(mode, env.HOST ?? process.env.HOST)), {
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
