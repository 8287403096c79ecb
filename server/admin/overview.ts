import "server-only";
import { prisma } from "@/server/db/client";
import type { LinkedAccountStatus } from "@/server/db/generated/prisma/client";
import { countRelinkQueue } from "./relink-queue";

export const FUNNEL_DAYS = 30;

export type FunnelDay = {
  /** yyyy-mm-dd (UTC) */
  day: string;
  created: number;
  succeeded: number;
  cancelled: number;
  failed: number;
  /** Hosted attempts opened and left until their lifetime ran out. */
  expired: number;
  pending: number;
  /** succeeded / finished sessions (pending ones are not decided yet); null when none finished. */
  conversion: number | null;
};

export type InstitutionFunnel = {
  institution: string;
  sessions: number;
  accounts: number;
  active: number;
  inactive: number;
  disconnected: number;
};

const OUTCOMES = ["succeeded", "cancelled", "failed", "expired", "pending"] as const;
type Outcome = (typeof OUTCOMES)[number];
const isOutcome = (status: string): status is Outcome => (OUTCOMES as readonly string[]).includes(status);

const conversion = (succeeded: number, finished: number) => (finished > 0 ? succeeded / finished : null);
/** Every session that has ended counts against conversion; pending ones are not decided yet. */
const finished = (d: Pick<FunnelDay, "succeeded" | "cancelled" | "failed" | "expired">) => d.succeeded + d.cancelled + d.failed + d.expired;

/** The start of the funnel window: midnight UTC, FUNNEL_DAYS - 1 days before today. */
export function funnelStart(now = new Date()): Date {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  start.setUTCDate(start.getUTCDate() - (FUNNEL_DAYS - 1));
  return start;
}

/**
 * Link sessions created per day (UTC) in the last 30 days by outcome. One grouped scan of
 * the (createdAt) index range; days with no session are filled in with zeros.
 */
export async function getLinkFunnel(now = new Date()): Promise<FunnelDay[]> {
  const since = funnelStart(now);
  const rows = await prisma.$queryRaw<{ day: Date; status: string; n: bigint }[]>`
    SELECT date_trunc('day', "createdAt") AS day, status::text AS status, count(*) AS n
    FROM "LinkSession" WHERE "createdAt" >= ${since}
    GROUP BY 1, 2`;
  const days = new Map<string, FunnelDay>();
  for (let i = 0; i < FUNNEL_DAYS; i++) {
    const day = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    days.set(day, { day, created: 0, succeeded: 0, cancelled: 0, failed: 0, expired: 0, pending: 0, conversion: null });
  }
  for (const row of rows) {
    const entry = days.get(row.day.toISOString().slice(0, 10));
    if (!entry) continue;
    const n = Number(row.n);
    entry.created += n;
    if (isOutcome(row.status)) entry[row.status] += n;
  }
  for (const entry of days.values()) entry.conversion = conversion(entry.succeeded, finished(entry));
  return [...days.values()];
}

/**
 * Accounts linked in the last 30 days per institution, with the sessions they came from and
 * where they stand now. A session knows its institution only through the accounts it
 * linked, so cancelled, failed and expired sessions (which linked none) cannot be attributed here.
 */
export async function getInstitutionFunnel(now = new Date()): Promise<InstitutionFunnel[]> {
  const since = funnelStart(now);
  const rows = await prisma.$queryRaw<
    { institution: string; sessions: bigint; accounts: bigint; active: bigint; inactive: bigint; disconnected: bigint }[]
  >`
    SELECT "institutionName" AS institution,
           count(DISTINCT "linkSessionId") AS sessions,
           count(*) AS accounts,
           count(*) FILTER (WHERE status = 'active') AS active,
           count(*) FILTER (WHERE status = 'inactive') AS inactive,
           count(*) FILTER (WHERE status = 'disconnected') AS disconnected
    FROM "LinkedAccount" WHERE "createdAt" >= ${since}
    GROUP BY 1 ORDER BY accounts DESC, institution LIMIT 50`;
  return rows.map((row) => ({
    institution: row.institution,
    sessions: Number(row.sessions),
    accounts: Number(row.accounts),
    active: Number(row.active),
    inactive: Number(row.inactive),
    disconnected: Number(row.disconnected),
  }));
}

export async function getAccountStatusCounts(): Promise<Record<LinkedAccountStatus, number>> {
  const groups = await prisma.linkedAccount.groupBy({ by: ["status"], _count: { _all: true } });
  const counts: Record<LinkedAccountStatus, number> = { active: 0, inactive: 0, disconnected: 0 };
  for (const group of groups) counts[group.status] = group._count._all;
  return counts;
}

/** Everything on the overview page, read in parallel. */
export async function getOverview(now = new Date()) {
  const [users, admins, accounts, attention, refreshFailures, funnel, institutions] = await Promise.all([
    prisma.user.count(),
    prisma.user.count({ where: { role: "admin" } }),
    getAccountStatusCounts(),
    countRelinkQueue(),
    prisma.webhookEvent.count({ where: { state: "failed" } }),
    getLinkFunnel(now),
    getInstitutionFunnel(now),
  ]);
  const totals = funnel.reduce(
    (sum, day) => ({
      created: sum.created + day.created,
      succeeded: sum.succeeded + day.succeeded,
      cancelled: sum.cancelled + day.cancelled,
      failed: sum.failed + day.failed,
      expired: sum.expired + day.expired,
      pending: sum.pending + day.pending,
    }),
    { created: 0, succeeded: 0, cancelled: 0, failed: 0, expired: 0, pending: 0 },
  );
  return {
    users,
    admins,
    accounts,
    attention: { ...attention, failedWebhooks: refreshFailures },
    funnel,
    funnelTotals: { ...totals, conversion: conversion(totals.succeeded, finished(totals)) },
    institutions,
  };
}

export type Overview = Awaited<ReturnType<typeof getOverview>>;
