// For the health check: which migrations of the folder the database has not applied yet.
// Two cheap queries on the app's own pool; no schema engine (5 MB of WASM) on this path.
import pg from "pg";
import { getPrisma } from "./client";
import { MIGRATIONS_DIR, listMigrationNames } from "./migrations-folder";

interface RawQuerier {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/**
 * Names in the migrations folder with no finished, not-rolled-back row in `_prisma_migrations`
 * (Prisma's own definition of "applied"). Uses the app's client unless given a URL.
 */
export async function pendingMigrations(
  database: string | RawQuerier = getPrisma(),
  migrationsDir = MIGRATIONS_DIR,
): Promise<string[]> {
  const names = await listMigrationNames(migrationsDir);
  const applied = new Set(await appliedMigrationNames(database));
  return names.filter((name) => !applied.has(name));
}

const HAS_TABLE = `SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "exists"`;
const APPLIED = `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

async function appliedMigrationNames(database: string | RawQuerier): Promise<string[]> {
  if (typeof database !== "string") {
    const [table] = await database.$queryRawUnsafe<{ exists: boolean }[]>(HAS_TABLE);
    if (!table?.exists) return [];
    const rows = await database.$queryRawUnsafe<{ migration_name: string }[]>(APPLIED);
    return rows.map((r) => r.migration_name);
  }
  const client = new pg.Client({ connectionString: database, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows: table } = await client.query<{ exists: boolean }>(HAS_TABLE);
    if (!table[0]?.exists) return [];
    const { rows } = await client.query<{ migration_name: string }>(APPLIED);
    return rows.map((r) => r.migration_name);
  } finally {
    await client.end();
  }
}
