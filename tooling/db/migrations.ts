// Migrations without the Prisma CLI (which needs a native engine downloaded at run time):
// the same schema engine, compiled to WASM, driven through the pg driver adapter. Rows in
// `_prisma_migrations` are written by that engine, exactly as `prisma migrate deploy` does.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { describeDatabaseError } from "@/server/db/describe-error";
import type { EmbeddedPostgres } from "./embedded-postgres";
import { migrationAdapterFactory } from "./migration-adapter";
import {
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  MIGRATIONS_DIR,
  SCHEMA_PATH,
  listMigrationNames,
  readMigrationList,
} from "@/server/db/migrations-folder";
import { startEmptyPostgres } from "./pglite-snapshot";
import { openSchemaEngine } from "./schema-engine";

const NO_FILTERS = { externalTables: [], externalEnums: [] };

export class MigrationError extends Error {
  constructor(
    message: string,
    /** The migration that failed, when one did. */
    readonly migration?: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

export interface MigrationPaths {
  migrationsDir?: string;
  schemaPath?: string;
}

/**
 * Applies the pending migrations of the folder to the database at `url`, oldest first, and
 * returns their names. Each migration.sql runs as one multi-statement query, i.e. in one
 * transaction: when one fails, its changes are rolled back, its failed `_prisma_migrations`
 * row is removed (so the database is as it was and a fixed migration can simply be re-run),
 * and the error names it. The migrations before it stay applied.
 */
export async function applyMigrations(url: string, options: MigrationPaths = {}): Promise<string[]> {
  const migrationsList = await readMigrationList(options.migrationsDir ?? MIGRATIONS_DIR);
  // A plain pg connection first: a wrong URL then fails with pg's precise error, and we learn
  // which failed rows existed before, so that we only ever remove our own.
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (err) {
    throw new MigrationError(describeDatabaseError(err, url));
  }
  const factory = migrationAdapterFactory(url);
  try {
    const hadTable = await migrationsTableExists(client);
    const failedBefore = hadTable ? await failedMigrationIds(client) : new Set<string>();
    const engine = await openSchemaEngine(factory);
    try {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
      return appliedMigrationNames;
    } catch (err) {
      const failedNow = await forgetOwnFailure(client, failedBefore, hadTable);
      throw toMigrationError(err, failedNow);
    } finally {
      engine.free();
    }
  } finally {
    await factory.dispose();
    await client.end();
  }
}

async function migrationsTableExists(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "exists"`,
  );
  return rows[0]?.exists === true;
}

async function failedMigrationIds(client: pg.Client): Promise<Set<string>> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL`,
  );
  return new Set(rows.map((r) => r.id));
}

/** Removes the row the engine left for the migration that just failed; returns its name. */
async function forgetOwnFailure(
  client: pg.Client,
  failedBefore: Set<string>,
  hadTable: boolean,
): Promise<string | undefined> {
  try {
    if (!(await migrationsTableExists(client))) return undefined;
    const { rows } = await client.query<{ id: string; migration_name: string }>(
      `SELECT id, migration_name FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL`,
    );
    const ours = rows.filter((r) => !failedBefore.has(r.id));
    if (ours.length === 0) return undefined;
    await client.query(`DELETE FROM _prisma_migrations WHERE id = ANY($1)`, [ours.map((r) => r.id)]);
    if (!hadTable) {
      // The failed migration was the first ever: leave no bookkeeping table behind either.
      await client.query(
        `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM _prisma_migrations) THEN DROP TABLE _prisma_migrations; END IF; END $$`,
      );
    }
    return ours[0]?.migration_name;
  } catch {
    return undefined; // Cleanup is best effort; the original error matters more.
  }
}

function toMigrationError(err: unknown, failedMigration: string | undefined): MigrationError {
  const message = err instanceof Error ? err.message : String(err);
  // The engine's message is a Rust error chain; its second line carries PostgreSQL's error.
  const dbError = message.split("\n").find((line) => /\bERROR:/.test(line));
  const named = failedMigration ?? /migration_name="([^"]+)"/.exec(message)?.[1];
  if (named) {
    const cause = dbError?.replace(/^.*?\bERROR:\s*/, "") ?? firstLine(message);
    return new MigrationError(
      `migration ${named} failed and was rolled back (the database is unchanged): ${cause}`,
      named,
    );
  }
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && /^P3\d{3}$/.test(code)) {
    // A Migrate error (P3009: a failed migration from an earlier `prisma migrate deploy`, ...):
    // its text is the advice; drop the Rust backtrace and put it on one line.
    const text = message.split(/\n\s+0: /)[0] ?? message;
    return new MigrationError(`${code}: ${text.replace(/\s*\n\s*/g, " ").trim()}`);
  }
  return new MigrationError(describeDatabaseError(err));
}

function firstLine(text: string): string {
  return text.split("\n").find((l) => l.trim() !== "")?.trim() ?? text;
}

/**
 * The SQL that would bring a database built from the migrations folder to schema.prisma;
 * "" when they agree. Replays the migrations on a throwaway in-memory PGlite (the shadow
 * database), so no server and no DATABASE_URL are needed.
 */
export async function checkDrift(options: MigrationPaths = {}): Promise<string> {
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const schemaPath = options.schemaPath ?? SCHEMA_PATH;
  const [migrationsList, schema] = await Promise.all([
    readMigrationList(migrationsDir),
    readFile(schemaPath, "utf8"),
  ]);

  // The engine connects to its "main" database too, though a diff between migrations and a
  // schema never touches it; one throwaway PGlite serves as both, started on first use.
  let shadow: Promise<EmbeddedPostgres> | undefined;
  const shadowUrl = async () => (await (shadow ??= startEmptyPostgres())).url;
  const factory = migrationAdapterFactory(shadowUrl, shadowUrl);
  try {
    const engine = await openSchemaEngine(factory);
    try {
      const result = await engine.diff({
        from: { tag: "migrations", ...migrationsList },
        to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
        script: true,
        exitCode: true,
        filters: NO_FILTERS,
      });
      // exitCode 2 = "the diff is not empty" (like `prisma migrate diff --exit-code`).
      return result.exitCode === 2 ? (result.stdout ?? "").trim() : "";
    } catch (err) {
      throw new MigrationError(firstLine(err instanceof Error ? err.message : String(err)));
    } finally {
      engine.free();
    }
  } finally {
    await factory.dispose();
    await (await shadow?.catch(() => undefined))?.close();
  }
}

export interface CreatedMigration {
  name: string;
  path: string;
  sql: string;
}

/**
 * Writes `<migrationsDir>/<YYYYMMDDHHMMSS>_<name>/migration.sql` with the SQL that takes the
 * migrations to schema.prisma, like `prisma migrate dev --create-only`.
 */
export async function createMigration(
  name: string,
  options: MigrationPaths & { now?: Date } = {},
): Promise<CreatedMigration> {
  const migrationsDir = path.resolve(options.migrationsDir ?? MIGRATIONS_DIR);
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  if (!slug) throw new MigrationError(`invalid migration name "${name}": use letters, digits and _`);

  const sql = await checkDrift(options);
  if (!sql) {
    throw new MigrationError("no changes: schema.prisma and the migrations already agree, nothing to write");
  }

  const folder = `${await nextTimestamp(migrationsDir, options.now ?? new Date())}_${slug}`;
  const dir = path.join(migrationsDir, folder);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), `${sql}\n`);
  const lockfile = path.join(migrationsDir, LOCKFILE_NAME);
  if (!existsSync(lockfile)) await writeFile(lockfile, LOCKFILE_CONTENT);
  return { name: folder, path: path.join(dir, "migration.sql"), sql };
}

/** UTC YYYYMMDDHHMMSS, moved past the newest existing migration so the order is kept. */
async function nextTimestamp(migrationsDir: string, now: Date): Promise<string> {
  const format = (d: Date) => d.toISOString().replace(/\D/g, "").slice(0, 14);
  const newest = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(
    (await listMigrationNames(migrationsDir)).at(-1) ?? "",
  );
  if (!newest) return format(now);
  const [y, mo, d, h, mi, s] = newest.slice(1).map(Number) as [number, number, number, number, number, number];
  const after = Date.UTC(y, mo - 1, d, h, mi, s) + 1000;
  return format(new Date(Math.max(now.getTime(), after)));
}
