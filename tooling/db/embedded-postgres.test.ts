import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/server/db/generated/prisma/client";
import { emptySnapshot, migratedSnapshot } from "@/test/database";
import { DataDirInUseError } from "./data-dir-lock";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";

// Whatever TEST_DATABASE_URL says, these tests are about the embedded server itself.
describe("embedded PostgreSQL (PGlite over a socket)", () => {
  let server: EmbeddedPostgres;
  let pool: pg.Pool;
  beforeAll(async () => {
    server = await startEmbeddedPostgres({ loadDataDir: await migratedSnapshot() });
    pool = new pg.Pool({ connectionString: server.url, max: 5 });
  });
  afterAll(async () => {
    await pool.end();
    await server.close();
  });

  it("serves a pg Pool of 5 simultaneous connections without mixing up their results", async () => {
    const clients = await Promise.all(Array.from({ length: 5 }, () => pool.connect()));
    try {
      expect(pool.totalCount).toBe(5);
      // Different statement shapes in flight at once, on every connection.
      const results = await Promise.all(
        clients.flatMap((client, c) =>
          Array.from({ length: 20 }, (_, i) =>
            i % 2 === 0
              ? client.query<{ n: number }>("SELECT $1::int AS n", [c * 100 + i]).then((r) => r.rows[0]?.n)
              : client
                  .query<{ s: string }>("SELECT $1::text || $2::text AS s", [`${c}:`, String(i)])
                  .then((r) => r.rows[0]?.s),
          ),
        ),
      );
      const expected = clients.flatMap((_, c) =>
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? c * 100 + i : `${c}:${i}`)),
      );
      expect(results).toEqual(expected);
    } finally {
      for (const client of clients) client.release();
    }
  });

  it("keeps an open transaction to itself: other connections wait, then see the committed state", async () => {
    const writer = await pool.connect();
    try {
      await writer.query("BEGIN");
      await writer.query(`INSERT INTO "User" (id, email, "updatedAt") VALUES ('tx-user', 'tx@example.com', now())`);
      let readerDone = false;
      const reader = pool
        .query<{ n: number }>(`SELECT count(*)::int AS n FROM "User" WHERE id = 'tx-user'`)
        .then((r) => {
          readerDone = true;
          return r.rows[0]?.n;
        });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(readerDone).toBe(false);
      await writer.query("COMMIT");
      expect(await reader).toBe(1);
    } finally {
      writer.release();
    }
  });

  it("never mixes up queries that waited for another connection's transaction", async () => {
    // The case that breaks @electric-sql/pglite-socket's message-level queue (see pglite-server.ts).
    for (let round = 0; round < 5; round++) {
      const tx = await pool.connect();
      try {
        await tx.query("BEGIN");
        await tx.query("SELECT $1::int AS inside", [1]);
        const outside = Array.from({ length: 4 }, (_, i) =>
          i % 2 === 0
            ? pool.query<{ n: number }>("SELECT $1::int AS n", [i]).then((r) => r.rows[0])
            : pool.query<{ s: string; t: string }>("SELECT $1::text AS s, $2::text AS t", [`s${i}`, "t"]).then((r) => r.rows[0]),
        );
        await new Promise((resolve) => setTimeout(resolve, 20));
        await tx.query("SELECT $1::text AS other, 2 AS two", ["x"]);
        await tx.query("ROLLBACK");
        expect(await Promise.all(outside)).toEqual([{ n: 0 }, { s: "s1", t: "t" }, { n: 2 }, { s: "s3", t: "t" }]);
      } finally {
        tx.release();
      }
    }
  });

  it("rolls back the transaction of a client that disconnects in the middle of it", async () => {
    const client = new pg.Client(server.url);
    await client.connect();
    await client.query("BEGIN");
    await client.query("CREATE TABLE abandoned (v int)");
    await client.end();
    const { rows } = await pool.query<{ t: string | null }>(`SELECT to_regclass('abandoned')::text AS t`);
    expect(rows).toEqual([{ t: null }]);
  });

  it("runs Prisma interactive transactions (commit and rollback) next to other queries", async () => {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: server.url, max: 5 }) });
    try {
      const rolledBack = prisma.$transaction(async (tx) => {
        await tx.user.create({ data: { id: "rolled-back", email: "rb@example.com" } });
        expect(await tx.user.count({ where: { id: "rolled-back" } })).toBe(1);
        throw new Error("roll back");
      });
      // Issued while the transaction is open: must never see its uncommitted row.
      const outside = Promise.all(Array.from({ length: 5 }, () => prisma.user.count({ where: { id: "rolled-back" } })));
      await expect(rolledBack).rejects.toThrow("roll back");
      expect(await outside).toEqual([0, 0, 0, 0, 0]);

      const created = await prisma.$transaction(async (tx) => {
        const user = await tx.user.create({ data: { email: "committed@example.com" } });
        await tx.auditLog.create({ data: { action: "test", actorId: user.id } });
        return user;
      });
      expect(await prisma.auditLog.count({ where: { actorId: created.id } })).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
  });
});

describe("embedded PostgreSQL data folder", () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "embedded-pg-test-"));
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it("keeps data across restarts and refuses a second opener with a clear message", async () => {
    const dataDir = path.join(tmp, "pglite");
    // Seeded from a snapshot: the same as initdb, 2 s faster.
    const first = await startEmbeddedPostgres({ dataDir, loadDataDir: await emptySnapshot() });
    try {
      const client = new pg.Client(first.url);
      await client.connect();
      await client.query("CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
      await client.end();

      const second = await startEmbeddedPostgres({ dataDir }).catch((e: unknown) => e);
      expect(second).toBeInstanceOf(DataDirInUseError);
      expect((second as Error).message).toContain(`in use by process ${process.pid}`);
      expect((second as Error).message).toContain(first.url);
    } finally {
      await first.close();
    }

    const reopened = await startEmbeddedPostgres({ dataDir });
    try {
      const client = new pg.Client(reopened.url);
      await client.connect();
      expect((await client.query("SELECT v FROM kept")).rows).toEqual([{ v: 42 }]);
      await client.end();
    } finally {
      await reopened.close();
    }
  });

  it("ignores a lock left by a process that died", async () => {
    const dataDir = path.join(tmp, "stale");
    // A pid far above any real one (pid_max is at most 2^22).
    await writeFile(`${dataDir}.lock`, JSON.stringify({ pid: 99_999_999, url: "postgresql://gone" }));
    const server = await startEmbeddedPostgres({ dataDir, loadDataDir: await emptySnapshot() });
    await server.close();
  });
});
