// A fresh, migrated PostgreSQL database per test file, so files can run in parallel.
//  - TEST_DATABASE_URL set: a new database with a random name on that server.
//  - otherwise: a new in-memory embedded PGlite on a random port. Not a schema in a shared
//    PGlite: its socket server runs every connection on ONE backend, so session state such
//    as search_path would leak between files.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/tooling/db/embedded-postgres";
import { applyMigrations } from "@/tooling/db/migrations";
import { LOCKFILE_NAME, MIGRATIONS_DIR, readMigrations } from "@/server/db/migrations-folder";
import { emptySnapshot, hashKey, pgliteSnapshot } from "@/tooling/db/pglite-snapshot";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Apply prisma/migrations (default true); false gives an empty database. */
  migrate?: boolean;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl ? createServerDatabase(serverUrl, migrate) : createEmbeddedDatabase(migrate);
}

/** Older than any run can last (CI stops at 90 minutes): left by a run that was killed. */
const ABANDONED_AFTER_MS = 6 * 60 * 60 * 1000;
let swept: Promise<void> | undefined;

/**
 * Drops test databases that killed runs left on the server, judged by the creation time in
 * their name; once per process. Best effort: another process may be dropping the same one.
 */
async function dropAbandonedDatabases(serverUrl: string): Promise<void> {
  await withAdmin(serverUrl, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname ~ '^test_[0-9a-z]+_[0-9a-f]{8}$'`);
    const cutoff = Date.now() - ABANDONED_AFTER_MS;
    for (const { datname } of rows) {
      const created = parseInt(datname.split("_")[1]!, 36);
      if (!(created < cutoff)) continue;
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  });
}

async function createServerDatabase(serverUrl: string, migrate: boolean): Promise<TestDatabase> {
  swept ??= dropAbandonedDatabases(serverUrl).catch(() => undefined);
  await swept;
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database: TestDatabase = {
    url: url.toString(),
    // FORCE (PostgreSQL 13+) ends connections a test forgot to close.
    drop: () => withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
  if (migrate) {
    try {
      await applyMigrations(database.url);
    } catch (err) {
      await database.drop();
      throw err;
    }
  }
  return database;
}

async function withAdmin(url: string, run: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    await run(admin);
  } finally {
    await admin.end();
  }
}

async function createEmbeddedDatabase(migrate: boolean): Promise<TestDatabase> {
  const loadDataDir = migrate ? await migratedSnapshot() : await emptySnapshot();
  const embedded = await startEmbeddedPostgres({ loadDataDir });
  return { url: embedded.url, drop: embedded.close };
}

/**
 * PGlite's initdb plus the migrations take ~2.5 s; a data folder dumped after them loads in
 * ~0.3 s. Keyed by the migrations' content, so a new or edited migration rebuilds it.
 */
export async function migratedSnapshot(): Promise<Blob> {
  const migrations = await readMigrations();
  const lockfile = await readFile(path.join(MIGRATIONS_DIR, LOCKFILE_NAME), "utf8").catch(() => "");
  const key = hashKey(lockfile, ...migrations.flatMap((m) => [m.name, m.sql]));
  return pgliteSnapshot("migrated", key, async (db) => {
    await applyMigrations(db.url);
  });
}

export { emptySnapshot };
