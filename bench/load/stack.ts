// The servers a load run drives, all on 127.0.0.1: a fresh database (a new database on
// DATABASE_URL's server, dropped afterwards; unset: an in-memory embedded PGlite), the Stripe
// emulator in this process with auto-complete on and its webhooks pointed at the app, and the
// production build (`next start`) as a child process whose output goes to a log file.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { createTestDatabase } from "../../test/database";
import { startLocalServices } from "../../scripts/stack/local-services";
import { clusterArgs, nextArgs, waitForHttp } from "../../scripts/stack/next-server";
import { processGroupCpuSeconds } from "./process-cpu";

export type LoadStack = {
  appUrl: string;
  emulatorUrl: string;
  databaseUrl: string;
  databaseKind: string;
  /** The app's webhook signing secret (the emulator signs with it too). */
  webhookSecret: string;
  serverLog: string;
  /** Environment of the app under load, for the report. */
  serverEnv: Record<string, string>;
  /** Stops the app's server processes (and waits for them: CPU profiles are written on exit). */
  stopServer(): Promise<void>;
  /** CPU seconds the app's server processes have used so far (null where /proc is missing). */
  serverCpuSeconds(): number | null;
  close(): Promise<void>;
};

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Load is generated on this machine only: anything else is refused before a byte is sent. */
export function assertLoopback(url: string, what: string): void {
  const host = new URL(url).hostname;
  if (!LOOPBACK.has(host)) throw new Error(`${what} must be on loopback (127.0.0.1), not ${host}: the load test never targets another machine`);
}

export function assertProductionBuild(): void {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no production build in .next: run `npm run build` first");
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `onClose` receives the clean-up at once, so an interrupt during start-up can run it. */
export async function startLoadStack(
  options: {
    autoComplete: { institution: string; accounts: string[]; distinct?: boolean };
    linkSessionsPerMinute: number;
    /** `next start` processes sharing the port (WEB_CONCURRENCY's cluster); default 1. */
    workers?: number;
    /** When set, each server process writes a V8 CPU profile here when it stops. */
    cpuProfileDir?: string;
  },
  onClose: (close: () => Promise<void>) => void,
): Promise<LoadStack> {
  assertProductionBuild();
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c().catch((error: unknown) => console.warn(`cleanup: ${error instanceof Error ? error.message : String(error)}`));
  };
  onClose(close);

  try {
    // createTestDatabase makes a new database on TEST_DATABASE_URL's server, else an embedded one.
    const server = process.env.DATABASE_URL;
    if (server) {
      assertLoopback(server, "DATABASE_URL");
      process.env.TEST_DATABASE_URL = server;
    } else {
      delete process.env.TEST_DATABASE_URL;
    }
    const database = await createTestDatabase();
    closers.push(() => database.drop());
    process.env.DATABASE_URL = database.url;
    const databaseKind = server ? `PostgreSQL server ${new URL(server).host} (database ${new URL(database.url).pathname.slice(1)}, dropped afterwards)` : "embedded PGlite (in memory, in this process)";

    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    // Always the emulator: real Stripe keys in the shell must never receive load.
    delete process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_WEBHOOK_SECRET;
    const services = await startLocalServices({ appUrl, emulatorDataDir: null, emulatorPort: 0 });
    closers.push(() => services.close());
    const emulatorUrl = services.env.STRIPE_API_BASE!;
    assertLoopback(emulatorUrl, "the emulator");
    const auto = await fetch(`${emulatorUrl}/_emulator/auto_complete`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(options.autoComplete) });
    if (!auto.ok) throw new Error(`emulator auto-complete: ${auto.status} ${await auto.text()}`);

    const serverEnv: Record<string, string> = {
      ...services.env,
      NODE_ENV: "production",
      // A test deployment: the emulator's keys, http on loopback (server/env.ts refuses them otherwise).
      TEST_DEPLOYMENT: "1",
      DATABASE_URL: database.url,
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      LINK_SESSIONS_PER_MINUTE: String(options.linkSessionsPerMinute),
    };
    mkdirSync(".data/load", { recursive: true });
    const serverLog = `.data/load/next-start-${new Date().toISOString().replace(/[:.]/g, "-")}.log`;
    // Node takes --cpu-prof only on its command line; cluster workers inherit it from there.
    const nodeFlags = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
    const next = startProductionServer(port, serverEnv, serverLog, options.workers ?? 1, nodeFlags);
    closers.push(() => stopChild(next));
    const exited = new Promise<never>((_, reject) => next.once("exit", (code) => reject(new Error(`next start exited (${code}) before answering; see ${serverLog}`))));
    await Promise.race([waitForHttp(`${appUrl}/api/health`, 120_000), exited]);
    exited.catch(() => {});

    const stopServer = () => stopChild(next);
    const serverCpuSeconds = () => processGroupCpuSeconds(next.pid!);
    return { appUrl, emulatorUrl, databaseUrl: database.url, databaseKind, webhookSecret: serverEnv.STRIPE_WEBHOOK_SECRET!, serverLog, serverEnv, stopServer, serverCpuSeconds, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * `next start` bound to 127.0.0.1 (its default is every interface), in its own process group;
 * with several workers, under the same cluster launcher as `npm start` with WEB_CONCURRENCY.
 */
function startProductionServer(port: number, env: Record<string, string>, logFile: string, workers: number, nodeFlags: string[]): ChildProcess {
  const log = createWriteStream(logFile);
  const args = nextArgs("start", port, "127.0.0.1");
  const child = spawn(process.execPath, [...nodeFlags, ...(workers > 1 ? clusterArgs(workers, args) : args)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  child.once("exit", () => log.end());
  return child;
}

/** SIGTERM to the server's process group, SIGKILL if it is still there after 5 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      child.kill(s);
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
