import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { applyMigrations, checkDrift, createMigration, MigrationError } from "./migrations";
import { listMigrationNames } from "@/server/db/migrations-folder";
import { pendingMigrations } from "@/server/db/pending-migrations";
import { prisma } from "@/server/db/client";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "db-migrations-test-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A copy of prisma/migrations plus `extra` migrations, in a temp folder. */
async function migrationsWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmp, "migrations-"));
  await cp("prisma/migrations", dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("applyMigrations from several instances at once", () => {
  // Prisma's schema engine serializes migrators with a PostgreSQL advisory lock. That needs a
  // server: PGlite has one session shared by every connection, so the lock cannot exclude, and
  // the embedded database is only ever migrated by the one process that serves it.
  it.runIf(Boolean(process.env.TEST_DATABASE_URL))("applies each migration once when instances start together (PostgreSQL server)", async () => {
    const fresh = await createTestDatabase({ migrate: false });
    try {
      const names = await listMigrationNames();
      const applied = await Promise.all([applyMigrations(fresh.url), applyMigrations(fresh.url), applyMigrations(fresh.url)]);
      // One instance applied everything; the others found nothing left to do.
      expect(applied.map((a) => a.length).sort()).toEqual([0, 0, names.length]);
      const rows = await query<{ count: string }>(fresh.url, `SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL`);
      expect(Number(rows[0]!.count)).toBe(names.length);
    } finally {
      await fresh.drop();
    }
  });
});

describe("applyMigrations", () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await createTestDatabase({ migrate: false });
  });
  afterAll(() => empty.drop());

  it("applies every migration once, records them like Prisma, and then nothing", async () => {
    const names = await listMigrationNames();
    expect(names.length).toBeGreaterThan(0);
    expect(await applyMigrations(empty.url)).toEqual(names);
    expect(await applyMigrations(empty.url)).toEqual([]);

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      empty.url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY started_at`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = await readFile(path.join("prisma/migrations", row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await pendingMigrations(empty.url)).toEqual([]);
  });

  it("leaves the database as it was when a migration fails, and names it", async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      const broken = "20991231000000_broken";
      const dir = await migrationsWith({
        // The ";" in the comment and the string would break a naive statement splitter.
        [broken]: `-- adds t; then fails\nCREATE TABLE "t" ("v" TEXT DEFAULT 'a;b');\nINSERT INTO "t" DEFAULT VALUES;\nSELECT 1/0;\n`,
      });
      const error = await applyMigrations(db.url, { migrationsDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as MigrationError).migration).toBe(broken);
      expect((error as Error).message).toContain(broken);
      expect((error as Error).message).toContain("division by zero");
      expect((error as Error).message).not.toContain("\n");

      const [state] = await query<{ t: string | null; failed: number; applied: string[] }>(
        db.url,
        `SELECT to_regclass('"t"')::text AS t,
                (SELECT count(*)::int FROM _prisma_migrations WHERE finished_at IS NULL) AS failed,
                (SELECT array_agg(migration_name ORDER BY migration_name) FROM _prisma_migrations) AS applied`,
      );
      expect(state).toEqual({ t: null, failed: 0, applied: await listMigrationNames() });
      expect(await pendingMigrations(db.url, dir)).toEqual([broken]);

      // Fixed, the same migration simply applies on the next run.
      await writeFile(path.join(dir, broken, "migration.sql"), `CREATE TABLE "t" ("v" TEXT DEFAULT 'a;b');\n`);
      expect(await applyMigrations(db.url, { migrationsDir: dir })).toEqual([broken]);
      expect(await query(db.url, `SELECT v FROM "t"`)).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it("leaves no bookkeeping table when the very first migration fails", async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      const dir = await mkdtemp(path.join(tmp, "first-"));
      await mkdir(path.join(dir, "20000101000000_bad"));
      await writeFile(path.join(dir, "20000101000000_bad", "migration.sql"), "CREATE TABLE a (id int);\nSELEC 1;\n");
      await expect(applyMigrations(db.url, { migrationsDir: dir })).rejects.toThrow(/20000101000000_bad failed/);
      expect(await query(db.url, `SELECT to_regclass('_prisma_migrations')::text AS m, to_regclass('a')::text AS a`)).toEqual([
        { m: null, a: null },
      ]);
    } finally {
      await db.drop();
    }
  });

  it("fails with one line naming host:port when the database is unreachable", async () => {
    const error = await applyMigrations("postgresql://postgres@127.0.0.1:1/nothing").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toBe(
      "cannot connect to PostgreSQL at 127.0.0.1:1: connection refused (is the server running?)",
    );
  });
});

describe("the test database of this file", () => {
  it("is migrated and reachable through the app's client", async () => {
    expect(await pendingMigrations()).toEqual([]);
    await prisma.user.create({ data: { email: "migrated@example.com" } });
    expect(await prisma.user.count()).toBe(1);
  });
});

// Each check replays every migration on an in-memory PGlite (WASM): seconds each, more on a
// loaded machine, so these get more than the default 20 s.
describe("checkDrift and createMigration", { timeout: 90_000 }, () => {
  it("passes on the real schema and migrations", async () => {
    expect(await checkDrift()).toBe("");
  });

  it("reports the missing SQL for a changed schema, then writes it as a migration", async () => {
    const schemaPath = path.join(tmp, "schema.prisma");
    const schema = await readFile("prisma/schema.prisma", "utf8");
    const changed = schema.replace(/model User \{\n/, "model User {\n  phone String?\n");
    expect(changed).not.toBe(schema);
    await writeFile(schemaPath, changed);

    const missing = await checkDrift({ schemaPath });
    expect(missing).toContain(`ALTER TABLE "User" ADD COLUMN     "phone" TEXT`);

    const migrationsDir = await migrationsWith({});
    const created = await createMigration("Add user phone", {
      migrationsDir,
      schemaPath,
      now: new Date("2000-01-01T00:00:00Z"), // older than init: must still sort after it
    });
    const names = await listMigrationNames(migrationsDir);
    expect(names.at(-1)).toBe(created.name);
    expect(created.name).toMatch(/^\d{14}_add_user_phone$/);
    expect(await readFile(created.path, "utf8")).toContain(`ADD COLUMN     "phone" TEXT`);
    expect(await checkDrift({ schemaPath, migrationsDir })).toBe("");
    await expect(createMigration("again", { schemaPath, migrationsDir })).rejects.toThrow(/no changes/);
  });
});
