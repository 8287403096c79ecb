// PGlite's initdb takes ~2 s; starting from a dumped data folder takes ~0.3 s. Shadow
// databases and per-test-file databases start from such snapshots, cached on disk under
// .data/cache (git-ignored) and keyed by the PGlite version and what was built into them.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";

const CACHE_DIR = ".data/cache";
const memo = new Map<string, Promise<Blob>>();

function pgliteVersion(): string {
  const require = createRequire(path.resolve("package.json"));
  const entry = require.resolve("@electric-sql/pglite");
  // dist/index.cjs -> package.json; the version decides whether a snapshot is readable.
  const pkg = readFileSync(path.join(path.dirname(entry), "..", "package.json"), "utf8");
  return (JSON.parse(pkg) as { version: string }).version;
}

export function hashKey(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex").slice(0, 16);
}

/**
 * A data-folder snapshot of `family` (e.g. "migrated") at `version` (e.g. a hash of the
 * migrations), built once by `build` on a fresh in-memory PGlite (reached by URL like every
 * other client) and reused from disk afterwards. Older versions of the family are deleted.
 */
export function pgliteSnapshot(
  family: string,
  version: string,
  build: (db: EmbeddedPostgres) => Promise<void>,
): Promise<Blob> {
  const prefix = `pglite-${family}-`;
  const file = path.resolve(CACHE_DIR, `${prefix}${pgliteVersion()}-${version}.tar`);
  let snapshot = memo.get(file);
  if (!snapshot) {
    snapshot = loadOrBuild(file, prefix, build);
    memo.set(file, snapshot);
    snapshot.catch(() => memo.delete(file));
  }
  return snapshot;
}

async function loadOrBuild(
  file: string,
  prefix: string,
  build: (db: EmbeddedPostgres) => Promise<void>,
): Promise<Blob> {
  if (existsSync(file)) return new Blob([await readFile(file)]);
  const db = await startEmbeddedPostgres();
  let dump: Blob;
  try {
    await build(db);
    dump = await db.db.dumpDataDir("none");
  } finally {
    await db.close();
  }
  // Parallel test workers may all build it: write aside and rename, so readers never see half.
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
  await rename(tmp, file);
  // 40 MB each: keep only the current one of this family.
  for (const name of await readdir(dir)) {
    if (name.startsWith(prefix) && name.endsWith(".tar") && name !== path.basename(file)) {
      await rm(path.join(dir, name), { force: true });
    }
  }
  return dump;
}

/** A fresh, empty in-memory PostgreSQL (a shadow database for diffs). */
export async function startEmptyPostgres(): Promise<EmbeddedPostgres> {
  return startEmbeddedPostgres({ loadDataDir: await emptySnapshot() });
}

/** A data folder right after initdb. */
export function emptySnapshot(): Promise<Blob> {
  return pgliteSnapshot("empty", "initdb", async () => {});
}
