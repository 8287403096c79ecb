// npm run db:embedded [-- options] [-- command...]
//
// Serves the embedded PostgreSQL (PGlite, data in .data/pglite) on a local port and applies
// the pending migrations. With a command, runs it with DATABASE_URL pointing there and stops
// when it exits - this is how dev/start get a database without any server installed:
//   tsx scripts/db/embedded.ts -- next dev
// When DATABASE_URL is already set, no embedded database is started: the command just runs
// against that URL (after migrating), so the same script line works with a real server.
//
// Options: --port <n> (default 54329, 0 = any free port), --data-dir <dir>, --memory,
//          --no-migrate
import { spawn } from "node:child_process";
import path from "node:path";
import { readDataDirOwner } from "@/tooling/db/data-dir-lock";
import { DEFAULT_DATA_DIR, startEmbeddedPostgres, type EmbeddedPostgres } from "@/tooling/db/embedded-postgres";
import { applyMigrations } from "@/tooling/db/migrations";
import { UsageError, runCli } from "./run-cli";

const DEFAULT_PORT = 54329;

interface Options {
  port: number;
  dataDir: string | undefined;
  migrate: boolean;
  command: string[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = { port: DEFAULT_PORT, dataDir: DEFAULT_DATA_DIR, migrate: true, command: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === "--") {
      options.command = argv.slice(i + 1);
      break;
    } else if (arg === "--port") {
      options.port = Number(value());
      if (!Number.isInteger(options.port) || options.port < 0) throw new UsageError("--port must be a port number");
    } else if (arg === "--data-dir") options.dataDir = value();
    else if (arg === "--memory") options.dataDir = undefined;
    else if (arg === "--no-migrate") options.migrate = false;
    else throw new UsageError(`unknown option ${arg} (commands go after --)`);
  }
  return options;
}

/** Stops on Ctrl-C / SIGTERM; resolves with the signal's name. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve(signal));
  });
}

function runCommand(command: string[], url: string): Promise<number> {
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
  // The child gets Ctrl-C from the terminal itself; forward SIGTERM (e.g. from CI or docker).
  const forward = () => child.kill("SIGTERM");
  process.on("SIGTERM", forward);
  process.on("SIGINT", () => {}); // Outlive the child so the database closes cleanly after it.
  return new Promise((resolve, reject) => {
    child.once("error", (err) => reject(new UsageError(`cannot run ${file}: ${err.message}`)));
    child.once("exit", (code, signal) => {
      process.removeListener("SIGTERM", forward);
      resolve(code ?? (signal ? 128 + 15 : 1));
    });
  });
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  let embedded: EmbeddedPostgres | undefined;
  let url = options.command.length > 0 ? process.env.DATABASE_URL : undefined;

  if (!url && options.command.length > 0 && options.dataDir) {
    // A dev server already serves this folder (second terminal, e2e next to dev): share it.
    url = readDataDirOwner(path.resolve(options.dataDir))?.url;
    if (url) console.error(`db: using the embedded database already served at ${url}`);
  }
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.port });
    url = embedded.url;
    const where = options.dataDir ? path.relative(process.cwd(), path.resolve(options.dataDir)) : "memory";
    console.error(`db: embedded PostgreSQL (PGlite, ${where}) at ${url}`);
  }

  try {
    if (options.migrate) {
      const applied = await applyMigrations(url);
      if (applied.length > 0) console.error(`db: applied ${applied.join(", ")}`);
    }
    if (options.command.length > 0) return await runCommand(options.command, url);
    console.log(url);
    await untilSignal();
    return 0;
  } finally {
    await embedded?.close();
  }
}

runCli("db:embedded", main);
