// A PGlite data folder may be opened by one process only (PGlite takes no lock of its own and
// a second writer corrupts it). We keep `<dataDir>.lock` next to the folder holding the owner's
// pid and, once it listens, its URL, so the second process can say who has it and where.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from "node:fs";

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly url: string | undefined,
  ) {
    super(
      `the embedded database folder ${dataDir} is in use by ${Number.isNaN(pid) ? "another process" : `process ${pid}`}` +
        (url ? ` (serving ${url}); connect to it with DATABASE_URL=${url}` : "") +
        ", or stop that process",
    );
    this.name = "DataDirInUseError";
  }
}

interface LockContent {
  pid: number;
  url?: string;
}

export interface DataDirLock {
  publish(url: string): void;
  release(): void;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid } satisfies LockContent));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw err;
      const owner = readLock(lockPath);
      // Our own pid counts too: opening one folder twice in a process corrupts it just as well.
      if (owner && isAlive(owner.pid)) {
        throw new DataDirInUseError(dataDir, owner.pid, owner.url);
      }
      // Unreadable and fresh: another process is between creating and writing it.
      if (!owner && Date.now() - statSync(lockPath).mtimeMs < 5_000) {
        throw new DataDirInUseError(dataDir, Number.NaN, undefined);
      }
      // The owner died without cleaning up (kill -9, crash): the lock is stale.
      unlinkSync(lockPath);
    }
  }

  const write = (content: LockContent) => writeFileSync(lockPath, JSON.stringify(content));
  // A process that exits without close() (Ctrl-C in a script) must not leave a live-looking lock.
  const onExit = () => release();
  process.once("exit", onExit);

  let released = false;
  function release() {
    if (released) return;
    released = true;
    process.removeListener("exit", onExit);
    try {
      if (readLock(lockPath)?.pid === process.pid) unlinkSync(lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  }
  return { publish: (url) => write({ pid: process.pid, url }), release };
}

/** The owner of a data folder, if a live process holds it (used to reuse its server). */
export function readDataDirOwner(dataDir: string): LockContent | undefined {
  const owner = readLock(`${dataDir}.lock`);
  return owner && isAlive(owner.pid) ? owner : undefined;
}

function readLock(lockPath: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(readFileSync(lockPath, "utf8")) as Partial<LockContent>;
    return typeof parsed.pid === "number" ? { pid: parsed.pid, url: parsed.url } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
