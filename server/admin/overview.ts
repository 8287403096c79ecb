import "server-only";
import type { LinkedAccountStatus } from "@/server/db/generated/prisma/client";
import { readCounters, total, type CounterRow } from "./counters";

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

/** The funnel's days, oldest first, from the counters' per-day session counts. */
function funnelDays(counts: CounterRow[], since: Date): FunnelDay[] {
  const days = new Map<string, FunnelDay>();
  for (let i = 0; i < FUNNEL_DAYS; i++) {
    const day = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    days.set(day, { day, created: 0, succeeded: 0, cancelled: 0, failed: 0, expired: 0, pending: 0, conversion: null });
  }
  for (const row of counts) {
    if (row.metric !== "sessions") continue;
    const entry = row.day ? days.get(row.day) : undefined;
    if (!entry) continue;
    entry.created += row.n;
    if (isOutcome(row.key1)) entry[row.key1] += row.n;
  }
  for (const entry of days.values()) entry.conversion = conversion(entry.succeeded, finished(entry));
  return [...days.values()];
}

/**
 * Accounts linked in the last 30 days per institution, with the sessions they came from
 * (each counted on the day of its first account there) and where the accounts stand now.
 * A session knows its institution only through the accounts it linked, so cancelled, failed
 * and expired sessions (which linked none) cannot be attributed here.
 */
function institutionFunnel(counts: CounterRow[]): InstitutionFunnel[] {
  const byName = new Map<string, InstitutionFunnel>();
  const entry = (institution: string) => {
    let found = byName.get(institution);
    if (!found) byName.set(institution, (found = { institution, sessions: 0, accounts: 0, active: 0, inactive: 0, disconnected: 0 }));
    return found;
  };
  for (const row of counts) {
    if (row.metric === "institution_sessions") entry(row.key1).sessions += row.n;
    if (row.metric === "institution_accounts") {
      const institution = entry(row.key1);
      institution.accounts += row.n;
      if (row.key2 === "active" || row.key2 === "inactive" || row.key2 === "disconnected") institution[row.key2] += row.n;
    }
  }
  return [...byName.values()]
    .filter((row) => row.accounts > 0)
    .sort((a, b) => b.accounts - a.accounts || (a.institution < b.institution ? -1 : a.institution > b.institution ? 1 : 0))
    .slice(0, 50);
}

/** Link sessions created per day (UTC) in the last 30 days by outcome. */
export async function getLinkFunnel(now = new Date()): Promise<FunnelDay[]> {
  const since = funnelStart(now);
  return funnelDays(await readCounters(since, ["sessions"]), since);
}

/** Everything on the overview page, from one read of the counters. */
export async function getOverview(now = new Date()) {
  const since = funnelStart(now);
  const counts = await readCounters(since);
  const funnel = funnelDays(counts, since);
  const accounts: Record<LinkedAccountStatus, number> = {
    active: total(counts, "accounts", "active"),
    inactive: total(counts, "accounts", "inactive"),
    disconnected: total(counts, "accounts", "disconnected"),
  };
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
    users: total(counts, "users"),
    admins: total(counts, "admins"),
    accounts,
    attention: {
      inactive: total(counts, "relink_inactive"),
      upcoming: total(counts, "relink_upcoming"),
      failedWebhooks: total(counts, "webhooks_failed"),
    },
    funnel,
    funnelTotals: { ...totals, conversion: conversion(totals.succeeded, finished(totals)) },
    institutions: institutionFunnel(counts),
  };
}

export type Overview = Awaited<ReturnType<typeof getOverview>>;
