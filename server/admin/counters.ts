import "server-only";
import { prisma } from "@/server/db/client";
import { logger } from "@/server/log/logger";

/**
 * The admin overview's counts, kept exact by the database itself: triggers on users, linked
 * accounts, link sessions and webhook events append a delta row in the transaction of every
 * write that changes a count (migration 20261202062348_admin_counters). Reading sums a few
 * hundred counter rows instead of scanning a million accounts.
 */
export type CounterMetric =
  | "users"
  | "admins"
  | "accounts"
  | "relink_inactive"
  | "relink_upcoming"
  | "webhooks_failed"
  | "sessions"
  | "institution_accounts"
  | "institution_sessions";

/** One count: `day` is yyyy-mm-dd (UTC) for the funnel's sessions; other dated metrics come summed over the window (null). */
export type CounterRow = { metric: CounterMetric; day: string | null; key1: string; key2: string; n: number };

const UNDATED = "1970-01-01";

/**
 * Every undated count and every dated one from `since` (a UTC midnight) on. One statement,
 * so one snapshot: a compaction committing meanwhile is seen entirely or not at all.
 */
export async function readCounters(since: Date, metrics?: CounterMetric[]): Promise<CounterRow[]> {
  const day = since.toISOString().slice(0, 10);
  const wanted = metrics ?? null;
  // Only the funnel needs its days; every other dated count is summed over the window here.
  const rows = await prisma.$queryRaw<{ metric: CounterMetric; day: string | null; key1: string; key2: string; n: bigint }[]>`
    SELECT metric, CASE WHEN metric = 'sessions' THEN day::text END AS day, key1, key2, sum(n)::bigint AS n FROM (
      SELECT metric, day, key1, key2, n FROM "AdminCounter"
      WHERE (day = ${UNDATED}::date OR day >= ${day}::date) AND (${wanted}::text[] IS NULL OR metric = ANY(${wanted}::text[]))
      UNION ALL
      SELECT metric, day, key1, key2, n FROM "AdminCounterDelta"
      WHERE (day = ${UNDATED}::date OR day >= ${day}::date) AND (${wanted}::text[] IS NULL OR metric = ANY(${wanted}::text[]))
    ) counts
    GROUP BY 1, 2, 3, 4
    HAVING sum(n) <> 0`;
  return rows.map((row) => ({ ...row, day: row.day === UNDATED ? null : row.day, n: Number(row.n) }));
}

/** The sum of a metric's counts, optionally only those with the given first key. */
export function total(rows: CounterRow[], metric: CounterMetric, key1?: string): number {
  let sum = 0;
  for (const row of rows) if (row.metric === metric && (key1 === undefined || row.key1 === key1)) sum += row.n;
  return sum;
}

/** Dated counts older than this are dropped at compaction: the funnel reads 30 days. */
const KEEP_DAYS = 45;

// Any fixed number: the advisory lock that lets one compaction run at a time across instances.
const COMPACTION_LOCK = 7_310_441;

/**
 * Folds the delta rows into the counters, in one transaction: the deltas it read are deleted
 * and added where they belong, so a reader sees either both tables before or both after.
 * Instances take turns through an advisory lock; one that finds it taken skips its turn.
 * Returns how many delta rows were folded.
 */
export async function compactCounters(): Promise<number> {
  const [result] = await prisma.$queryRaw<{ folded: bigint }[]>`
    WITH turn AS (SELECT pg_try_advisory_xact_lock(${COMPACTION_LOCK}) AS mine),
    moved AS (
      DELETE FROM "AdminCounterDelta" WHERE (SELECT mine FROM turn)
      RETURNING metric, day, key1, key2, n
    ),
    added AS (
      INSERT INTO "AdminCounter" (metric, day, key1, key2, n)
      SELECT metric, day, key1, key2, sum(n) FROM moved GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (metric, day, key1, key2) DO UPDATE SET n = "AdminCounter".n + EXCLUDED.n
    )
    SELECT count(*) AS folded FROM moved`;
  const folded = Number(result?.folded ?? 0);
  // Days no overview reads any more (its window is FUNNEL_DAYS), so reads stay a few thousand rows.
  await prisma.$executeRaw`DELETE FROM "AdminCounter" WHERE day > DATE '1970-01-01' AND day < current_date - ${KEEP_DAYS}::int`;
  // After a bulk load (a seed, a backfill) the emptied table's dead rows would slow every read
  // until autovacuum came by; ordinary seconds of deltas are left to autovacuum (see the migration).
  if (folded > 10_000) await prisma.$executeRawUnsafe(`VACUUM (ANALYZE) "AdminCounterDelta", "AdminCounter"`);
  return folded;
}

const COMPACT_EVERY_MS = 5_000;
const timers = globalThis as typeof globalThis & { __counterCompaction?: NodeJS.Timeout };

/** Started once per server process (instrumentation.ts): the deltas stay a few seconds' worth. */
export function startCounterCompaction(intervalMs = COMPACT_EVERY_MS): void {
  if (timers.__counterCompaction) return;
  timers.__counterCompaction = setInterval(() => {
    compactCounters().catch((error: unknown) => logger("admin").warn({ err: error }, "counter compaction failed"));
  }, intervalMs);
  timers.__counterCompaction.unref();
}

export function stopCounterCompaction(): void {
  clearInterval(timers.__counterCompaction);
  timers.__counterCompaction = undefined;
}
