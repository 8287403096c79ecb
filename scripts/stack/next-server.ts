import { spawn, type ChildProcess } from "node:child_process";

/** Starts `next dev` or `next start` as a child that inherits our terminal. */
export function startNext(mode: "dev" | "start", port: number, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", mode, "--port", String(port)], {
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
