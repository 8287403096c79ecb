// An embedded PostgreSQL for machines without a server: PGlite (PostgreSQL 18 compiled to
// WASM) served on a local TCP port, so the app, scripts and tests all reach it with an
// ordinary postgresql:// URL through the same `pg` driver as a real server.
// Differences from a server that matter: one backend runs every connection's queries in turn
// (a transaction makes the others wait), session settings are shared by all connections, and
// the database name in the URL is ignored (there is one database).
import { PGlite } from "@electric-sql/pglite";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock";
import { PGliteServer } from "./pglite-server";

/** Where `npm run dev` keeps its data; `.data/` is git-ignored. */
export const DEFAULT_DATA_DIR = ".data/pglite";

export interface StartEmbeddedPostgresOptions {
  /** Folder for the data; undefined keeps everything in memory (tests). */
  dataDir?: string;
  /** TCP port; 0 picks a free one. */
  port?: number;
  host?: string;
  /** A `dumpDataDir()` tarball to start from instead of running initdb (fast test setup). */
  loadDataDir?: Blob;
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  /** The PGlite instance itself, for dumping a template; queries should go through `url`. */
  db: PGlite;
  close(): Promise<void>;
}

export async function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  const host = options.host ?? "127.0.0.1";
  const dataDir = options.dataDir === undefined ? undefined : path.resolve(options.dataDir);

  let lock: DataDirLock | undefined;
  if (dataDir) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    // PGlite itself takes no lock: two processes on one folder would corrupt it.
    lock = acquireDataDirLock(dataDir);
  }

  let db: PGlite | undefined;
  let server: PGliteServer;
  let port: number;
  try {
    db = await PGlite.create({ dataDir, loadDataDir: options.loadDataDir });
    server = new PGliteServer(db);
    port = await server.listen(options.port ?? 0, host).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE") throw new Error(`port ${host}:${options.port} is already in use`);
      throw err;
    });
  } catch (err) {
    await db?.close().catch(() => {});
    lock?.release();
    throw err;
  }
  const pglite = db;
  const url = `postgresql://postgres@${host}:${port}/postgres`;
  lock?.publish(url);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await server.close();
      await pglite.close();
      lock?.release();
    })();
    return closing;
  };
  return { url, port, db: pglite, close };
}
