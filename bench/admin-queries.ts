// Server time of the admin queries on 100,000 users and 1,000,000 linked accounts, each
// beside the same query written as plain SQL over node-postgres in the same run (the ratio
// is what the app adds: Prisma, the adapter, row mapping, search resolution).
//
// Run: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/linkwell_bench npx tsx bench/admin-queries.ts
// Creates the database if missing, applies the migrations, seeds it once (BENCH_USERS,
// BENCH_ACCOUNTS), then times each case BENCH_N times (default 40) after a warm-up.
// BENCH_EXPORT_ROWS (default 1,000,000) bounds the export cases. Not part of the tests, but a
// missed target is visible in the exit code (1), with the misses listed at the end.
import pg from "pg";
import { applyMigrations } from "@/tooling/db/migrations";
import { isSeeded, seedDatabase } from "@/tooling/seed/seed-database";

// server/ modules import "server-only", which throws outside React Server Components;
// this script is server code too. tsx runs it as CommonJS, so the module cache can stand in.
const serverOnly = require.resolve("server-only");
require.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;

const URL_DEFAULT = "postgresql://postgres@127.0.0.1:5432/linkwell_bench";
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1_000_000);
const N = Number(process.env.BENCH_N ?? 40);
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);


type Stats = { p50: number; p95: number };

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95) };
}

async function time(run: (i: number) => Promise<unknown>, n = N): Promise<Stats> {
  for (let i = 0; i < 3; i++) await run(i); // warm-up: plans, pool connections, caches
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  return stats(samples);
}

async function ensureDatabase(url: string) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rows.length === 0) {
      console.log(`creating database ${name}`);
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await client.end();
  }
}

async function main() {
  const url = process.env.DATABASE_URL ?? URL_DEFAULT;
  process.env.DATABASE_URL = url;
  await ensureDatabase(url);
  await applyMigrations(url);
  if (await isSeeded(url)) {
    console.log("database already seeded; skipping the seed");
  } else {
    console.log(`seeding ${USERS.toLocaleString("en-US")} users and ${ACCOUNTS.toLocaleString("en-US")} accounts…`);
    const result = await seedDatabase({ url, users: USERS, accounts: ACCOUNTS, log: (line) => console.log(`  ${line}`) });
    console.log(`seeded in ${(result.ms / 1000).toFixed(1)} s`);
  }

  const pool = new pg.Pool({ connectionString: url, max: 5 });
  // The indexes these queries rely on come with the migrations (20261126153154_admin_indexes).
  const counts = await pool.query<{ users: string; accounts: string }>(
    `SELECT (SELECT count(*) FROM "User") AS users, (SELECT count(*) FROM "LinkedAccount") AS accounts`,
  );
  console.log(`data: ${Number(counts.rows[0]!.users).toLocaleString("en-US")} users, ${Number(counts.rows[0]!.accounts).toLocaleString("en-US")} linked accounts\n`);

  const { parseAccountFilters } = await import("@/server/admin/account-filters");
  const { listAccounts, countAccounts } = await import("@/server/admin/list-accounts");
  const { exportAccountsCsv } = await import("@/server/admin/export-accounts");
  const { getOverview, funnelStart } = await import("@/server/admin/overview");
  const { encodeCursor } = await import("../lib/admin/search-params");
  const { csvLine } = await import("@/server/admin/csv");
  const { minorToDecimal } = await import("@/lib/format/admin");
  const { disconnectPrisma } = await import("@/server/db/client");
  // A running app folds the counters' deltas in every 5 s (instrumentation.ts); the seed just wrote them.
  const { compactCounters } = await import("@/server/admin/counters");
  const folding = performance.now();
  const folded = await compactCounters();
  console.log(`admin counters: ${folded.toLocaleString("en-US")} delta rows folded in ${(performance.now() - folding).toFixed(0)} ms\n`);
  const filters = (query: Record<string, string> = {}) => parseAccountFilters(new URLSearchParams(query));

  // Inputs picked once, outside the timings: a cursor half-way down (whatever the seed size), real last4s and emails.
  const half = Math.floor(Number(counts.rows[0]!.accounts) / 2);
  const deep = (await pool.query<{ createdAt: Date; id: string; institutionName: string }>(
    `SELECT "createdAt", id, "institutionName" FROM "LinkedAccount" ORDER BY "createdAt" DESC, id DESC OFFSET $1 LIMIT 1`,
    [half],
  )).rows[0]!;
  const deepInst = (await pool.query<{ createdAt: Date; id: string; institutionName: string }>(
    `SELECT "createdAt", id, "institutionName" FROM "LinkedAccount" ORDER BY "institutionName", "createdAt", id OFFSET $1 LIMIT 1`,
    [half],
  )).rows[0]!;
  const last4s = Array.from({ length: N + 3 }, (_, i) => String((i * 7919) % 10000).padStart(4, "0"));
  const emails = (await pool.query<{ email: string }>(`SELECT email FROM "User" WHERE id LIKE 'seed\\_usr\\_%' ORDER BY md5(id) LIMIT $1`, [N + 3])).rows.map((r) => r.email);
  const prefixes = emails.map((e) => e.split("@")[0]!);

  const cols = `a.id, a."createdAt", a."institutionName", a."displayName", a.last4, a.category, a.subcategory, a.status,
    a."balanceCurrent", a."balanceCurrency", a."stripeAccountId", a."expectedDeactivationAt", a."replacedById", a."userId", u.email`;
  const from = `FROM "LinkedAccount" a JOIN "User" u ON u.id = a."userId"`;

  type Case = { name: string; target?: number; app: (i: number) => Promise<unknown>; sql: (i: number) => Promise<unknown> };
  const cases: Case[] = [
    {
      name: "accounts: first page",
      target: 50,
      app: () => listAccounts(filters()),
      sql: () => pool.query(`SELECT ${cols} ${from} ORDER BY a."createdAt" DESC, a.id DESC LIMIT 51`),
    },
    {
      name: `accounts: deep page (row ${half.toLocaleString("en-US")}, keyset)`,
      target: 50,
      app: () => listAccounts(filters(), { after: encodeCursor([deep.createdAt.toISOString()], deep.id) }),
      sql: () =>
        pool.query(`SELECT ${cols} ${from} WHERE (a."createdAt", a.id) < ($1, $2) ORDER BY a."createdAt" DESC, a.id DESC LIMIT 51`, [deep.createdAt, deep.id]),
    },
    {
      name: "accounts: deep page sorted by institution",
      target: 50,
      app: () =>
        listAccounts(filters({ sort: "institution" }), {
          after: encodeCursor([deepInst.institutionName, deepInst.createdAt.toISOString()], deepInst.id),
        }),
      sql: () =>
        pool.query(
          `SELECT ${cols} ${from} WHERE (a."institutionName", a."createdAt", a.id) > ($1, $2, $3) ORDER BY a."institutionName", a."createdAt", a.id LIMIT 51`,
          [deepInst.institutionName, deepInst.createdAt, deepInst.id],
        ),
    },
    {
      name: "accounts: filtered (inactive at Chase, checking)",
      target: 50,
      app: () => listAccounts(filters({ status: "inactive", institution: "Chase", subcategory: "checking" })),
      sql: () =>
        pool.query(
          `SELECT ${cols} ${from} WHERE a.status = 'inactive' AND a."institutionName" = 'Chase' AND a.subcategory = 'checking' ORDER BY a."createdAt" DESC, a.id DESC LIMIT 51`,
        ),
    },
    {
      name: "search: last4",
      target: 100,
      app: (i) => listAccounts(filters({ q: last4s[i % last4s.length]! })),
      sql: (i) => pool.query(`SELECT ${cols} ${from} WHERE a.last4 = $1 ORDER BY a."createdAt" DESC, a.id DESC LIMIT 51`, [last4s[i % last4s.length]]),
    },
    {
      name: "search: full email",
      target: 100,
      app: (i) => listAccounts(filters({ q: emails[i % emails.length]! })),
      sql: (i) =>
        pool.query(`SELECT ${cols} ${from} WHERE u.email = $1 ORDER BY a."createdAt" DESC, a.id DESC LIMIT 51`, [emails[i % emails.length]]),
    },
    {
      name: "search: email prefix (first.last<n>)",
      target: 100,
      app: (i) => listAccounts(filters({ q: prefixes[i % prefixes.length]! })),
      sql: (i) =>
        pool.query(
          `SELECT ${cols} ${from} WHERE a."userId" IN (SELECT id FROM "User" WHERE email >= $1 AND email < $1 || chr(1114111) AND email LIKE $2 LIMIT 1001)
           ORDER BY a."createdAt" DESC, a.id DESC LIMIT 51`,
          [prefixes[i % prefixes.length], `${prefixes[i % prefixes.length]}%`],
        ),
    },
    {
      name: "accounts: status counts, unfiltered (streamed apart)",
      app: () => countAccounts(filters()),
      sql: () => pool.query(`SELECT status, count(*) FROM "LinkedAccount" GROUP BY status`),
    },
    {
      // The app reads the exact counters (server/admin/counters.ts); the SQL side is the scan they replace.
      name: "overview: exact counters (vs a scan of the tables)",
      target: 20,
      app: () => getOverview(),
      sql: () => {
        const since = funnelStart();
        return Promise.all([
          pool.query(`SELECT count(*) FROM "User"`),
          pool.query(`SELECT count(*) FROM "User" WHERE role = 'admin'`),
          pool.query(`SELECT status, count(*) FROM "LinkedAccount" GROUP BY status`),
          pool.query(`SELECT count(*) FROM "LinkedAccount" WHERE status = 'inactive' AND "replacedById" IS NULL`),
          pool.query(`SELECT count(*) FROM "LinkedAccount" WHERE status = 'active' AND "replacedById" IS NULL AND "expectedDeactivationAt" IS NOT NULL`),
          pool.query(`SELECT count(*) FROM "WebhookEvent" WHERE state = 'failed'`),
          pool.query(`SELECT date_trunc('day', "createdAt") AS day, status, count(*) FROM "LinkSession" WHERE "createdAt" >= $1 GROUP BY 1, 2`, [since]),
          pool.query(
            `SELECT "institutionName", count(DISTINCT "linkSessionId"), count(*), count(*) FILTER (WHERE status = 'active'),
               count(*) FILTER (WHERE status = 'inactive'), count(*) FILTER (WHERE status = 'disconnected')
             FROM "LinkedAccount" WHERE "createdAt" >= $1 GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT 50`,
            [since],
          ),
        ]);
      },
    },
  ];

  const fmt = (ms: number) => ms.toFixed(1).padStart(7);
  const misses: string[] = [];
  console.log(`${"case".padEnd(48)} ${"app p50".padStart(7)} ${"app p95".padStart(7)} ${"sql p50".padStart(7)} ${"sql p95".padStart(7)} ${"ratio".padStart(6)} ${"target".padStart(7)}`);
  for (const c of cases) {
    const app = await time(c.app);
    const sql = await time(c.sql);
    const verdict = c.target === undefined ? "     —" : `${app.p95 <= c.target ? "  ok" : "  MISS"} ≤${c.target}`;
    if (c.target !== undefined && app.p95 > c.target) misses.push(`${c.name}: app p95 ${app.p95.toFixed(1)} ms > ${c.target} ms`);
    console.log(`${c.name.padEnd(48)} ${fmt(app.p50)} ${fmt(app.p95)} ${fmt(sql.p50)} ${fmt(sql.p95)} ${(app.p95 / sql.p95).toFixed(2).padStart(5)}x ${verdict}`);
  }

  // Export: the whole table through the app's stream, then the same keyset batches in plain SQL.
  const measureMemory = () => {
    let peak = 0;
    const base = process.memoryUsage().heapUsed;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed - base)), 50);
    return () => {
      clearInterval(timer);
      return peak;
    };
  };
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

  global.gc?.();
  let stop = measureMemory();
  let started = performance.now();
  let rows = -1; // the header line
  let bytes = 0;
  const reader = exportAccountsCsv(filters()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) rows++;
    if (rows >= EXPORT_ROWS) {
      await reader.cancel();
      break;
    }
  }
  let seconds = (performance.now() - started) / 1000;
  let peak = stop();
  const appRate = rows / seconds;
  if (appRate < 50_000) misses.push(`export: ${Math.round(appRate).toLocaleString("en-US")} rows/s < 50,000`);
  console.log(
    `\nexport (app stream, 5,000-row keyset batches): ${rows.toLocaleString("en-US")} rows, ${mb(bytes)} in ${seconds.toFixed(1)} s = ${Math.round(appRate).toLocaleString("en-US")} rows/s, peak heap growth ${mb(peak)} ${appRate >= 50_000 ? "ok ≥50,000" : "MISS ≥50,000"}`,
  );

  global.gc?.();
  stop = measureMemory();
  started = performance.now();
  rows = 0;
  let last: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const result: pg.QueryResult<Record<string, unknown>> = last
      ? await pool.query(
          `SELECT a.id, a."stripeAccountId", a."userId", u.email, a."institutionName", a."displayName", a.last4, a.category, a.subcategory, a.status,
             a."balanceCurrent", a."balanceCurrency", a."createdAt", a."expectedDeactivationAt", a."disconnectedAt"
           ${from} WHERE (a."createdAt", a.id) < ($1, $2) ORDER BY a."createdAt" DESC, a.id DESC LIMIT 5000`,
          [last.createdAt, last.id],
        )
      : await pool.query(
          `SELECT a.id, a."stripeAccountId", a."userId", u.email, a."institutionName", a."displayName", a.last4, a.category, a.subcategory, a.status,
             a."balanceCurrent", a."balanceCurrency", a."createdAt", a."expectedDeactivationAt", a."disconnectedAt"
           ${from} ORDER BY a."createdAt" DESC, a.id DESC LIMIT 5000`,
        );
    const batch = result.rows;
    let chunk = "";
    for (const r of batch) {
      const balance = r.balanceCurrent === null ? null : BigInt(r.balanceCurrent as string);
      chunk += csvLine([
        r.id as string, r.stripeAccountId as string, r.userId as string, r.email as string, r.institutionName as string,
        r.displayName as string, r.last4 as string, r.category as string, r.subcategory as string, r.status as string,
        balance !== null && r.balanceCurrency ? minorToDecimal(balance, r.balanceCurrency as string) : null, balance,
        (r.balanceCurrency as string | null)?.toUpperCase(), (r.createdAt as Date).toISOString(),
        (r.expectedDeactivationAt as Date | null)?.toISOString(), (r.disconnectedAt as Date | null)?.toISOString(),
      ]);
    }
    bytes = chunk.length;
    rows += batch.length;
    const tail: Record<string, unknown> | undefined = batch[batch.length - 1];
    if (batch.length < 5000 || rows >= EXPORT_ROWS || !tail) break;
    last = { createdAt: tail.createdAt as Date, id: tail.id as string };
  }
  seconds = (performance.now() - started) / 1000;
  peak = stop();
  console.log(
    `export (plain SQL, same batches and CSV):       ${rows.toLocaleString("en-US")} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds).toLocaleString("en-US")} rows/s, peak heap growth ${mb(peak)}; app/sql time ratio ${((rows / seconds) / appRate).toFixed(2)}x`,
  );

  await pool.end();
  await disconnectPrisma();
  if (misses.length > 0) {
    console.error(`\n${misses.length} target(s) missed:\n  ${misses.join("\n  ")}`);
    process.exitCode = 1;
  } else {
    console.log("\nevery target met");
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
