// Extra production instances of the app for the fault tests: `next start` from the same `.next`
// build as the stack's production server, with its settings (stackInfo().prodEnv) on another
// loopback port. Each runs in its own process group so a kill reaches every process it started.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { stackInfo } from "./fixtures";

export type Instance = {
  /** http://127.0.0.1:<port>, also its NEXTAUTH_URL (so it is the instance's own origin). */
  url: string;
  port: number;
  /** Sends `signal` to the instance's whole process group and waits until it has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** What the instance printed, for failure messages. */
  output(): string;
};

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

// A test process that ends without its afterAll (a crash, Ctrl-C) must not leave servers behind.
process.once("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});

/** A port free right now on the loopback interface. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

/**
 * Starts one more production instance and resolves once it answers /api/health with 200.
 * `env` overrides settings (e.g. DATABASE_URL through a proxy).
 */
export async function startInstance(env: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...stackInfo().prodEnv, NEXTAUTH_URL: url, PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  running.add(child);
  let log = "";
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => running.delete(child));

  const instance: Instance = {
    url,
    port,
    output: () => log,
    async kill(signal = "SIGTERM") {
      killGroup(child, signal);
      await exited;
    },
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance on port ${port} exited with ${child.exitCode}:\n${log}`);
    const status = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(10_000) })
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return instance;
    if (Date.now() > deadline) {
      await instance.kill("SIGKILL");
      throw new Error(`instance on port ${port} not healthy within 60 s (last status ${status}):\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Kills (SIGKILL) every instance this process started that is still running. */
export async function killAllInstances(): Promise<void> {
  const children = [...running];
  await Promise.all(
    children.map(async (child) => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      killGroup(child, "SIGKILL");
      if (child.exitCode === null && child.signalCode === null) await exited;
    }),
  );
}
