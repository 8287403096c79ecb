import "server-only";
import { prisma } from "@/server/db/client";
import { addDays, deriveBalancePoints, type BalancePoint, type DaySums, type KnownBalance } from "./derive-balance-history";

export type BalanceHistory = { currency: string | null; points: BalancePoint[] };

type SnapshotRow = { linkedAccountId: string; day: string; asOf: Date; currency: string; current: bigint | null; available: bigint | null };
type SumRow = { linkedAccountId: string; day: string; atOrBefore: bigint; after: bigint };

/**
 * The balance history of each account over `days` (oldest first, from historyWindow), in three
 * statements however many accounts: their snapshots, their balance columns, and their
 * transactions summed per UTC day. Accounts not found have no history (all points null).
 * Callers check ownership first: this reads any id it is given.
 */
export async function loadBalanceHistories(accountIds: readonly string[], days: readonly string[]): Promise<Map<string, BalanceHistory>> {
  const ids = [...new Set(accountIds)];
  const first = days[0];
  const last = days.at(-1);
  const histories = new Map<string, BalanceHistory>();
  if (ids.length === 0 || first === undefined || last === undefined) return histories;

  const [snapshots, accounts] = await Promise.all([
    // The window's snapshots, and each account's first one after it: when the window ends in the
    // past, that is the later balance its last days are derived from.
    prisma.$queryRaw<SnapshotRow[]>`
      (SELECT "linkedAccountId", day::text AS day, "asOf", currency, current, available
         FROM "BalanceSnapshot"
        WHERE "linkedAccountId" = ANY(${ids}::text[]) AND day BETWEEN ${first}::date AND ${last}::date)
      UNION ALL
      (SELECT DISTINCT ON ("linkedAccountId") "linkedAccountId", day::text AS day, "asOf", currency, current, available
         FROM "BalanceSnapshot"
        WHERE "linkedAccountId" = ANY(${ids}::text[]) AND day > ${last}::date
        ORDER BY "linkedAccountId", day)`,
    prisma.linkedAccount.findMany({
      where: { id: { in: ids } },
      select: { id: true, balanceCurrency: true, balanceCurrent: true, balanceAvailable: true, balanceAsOf: true },
    }),
  ]);

  const snapshotsOf = new Map<string, SnapshotRow[]>();
  for (const row of snapshots) snapshotsOf.set(row.linkedAccountId, [...(snapshotsOf.get(row.linkedAccountId) ?? []), row]);
  const knownOf = new Map<string, KnownBalance[]>();
  const currencyOf = new Map<string, string | null>();
  for (const account of accounts) {
    const own = (snapshotsOf.get(account.id) ?? []).sort((a, b) => (a.day < b.day ? -1 : 1));
    const known: KnownBalance[] = own.map(({ day, asOf, current, available }) => ({ day, asOf, current, available }));
    // The account's own balance is the newest the bank reported. It counts where no snapshot is
    // as new: an account whose balance arrived before snapshots were kept has only this.
    if (account.balanceAsOf && (account.balanceCurrent !== null || account.balanceAvailable !== null)) {
      const day = account.balanceAsOf.toISOString().slice(0, 10);
      const newest = known.at(-1);
      const balance = { day, asOf: account.balanceAsOf, current: account.balanceCurrent, available: account.balanceAvailable };
      if (!newest || day > newest.day) known.push(balance);
      else if (day === newest.day && account.balanceAsOf > newest.asOf) known[known.length - 1] = balance;
    }
    knownOf.set(account.id, known);
    currencyOf.set(account.id, account.balanceCurrency ?? own.at(-1)?.currency ?? null);
  }

  const sums = await sumTransactionsByDay(knownOf, addDays(first, 1));
  for (const id of ids) {
    const known = knownOf.get(id) ?? [];
    histories.set(id, { currency: currencyOf.get(id) ?? null, points: deriveBalancePoints(days, known, sums.get(id) ?? new Map()) });
  }
  return histories;
}

/**
 * Per account and UTC day, the non-void transactions from `from` (a UTC midnight: the end of the
 * window's first day, the earliest a derivation looks back to) up to the account's newest known
 * balance, split at that day's known balance if it has one. The known balances go to the
 * statement as arrays so one GROUP BY does every account.
 */
async function sumTransactionsByDay(knownOf: Map<string, KnownBalance[]>, from: string): Promise<Map<string, Map<string, DaySums>>> {
  const accountIds: string[] = [];
  const days: string[] = [];
  const asOfs: string[] = [];
  for (const [accountId, known] of knownOf) {
    // Only balances on or after `from` have transactions to subtract.
    for (const k of known) {
      if (k.day < from) continue;
      accountIds.push(accountId);
      days.push(k.day);
      asOfs.push(k.asOf.toISOString());
    }
  }
  const byAccount = new Map<string, Map<string, DaySums>>();
  if (accountIds.length === 0) return byAccount;
  // Timestamps are stored as UTC without a zone: the known times are compared as UTC too,
  // whatever the session's TimeZone.
  const rows = await prisma.$queryRaw<SumRow[]>`
    WITH known AS (
      SELECT k."linkedAccountId", k.day, k."asOf" AT TIME ZONE 'UTC' AS "asOf"
        FROM unnest(${accountIds}::text[], ${days}::date[], ${asOfs}::timestamptz[]) AS k("linkedAccountId", day, "asOf")
    ), bound AS (
      SELECT "linkedAccountId", max("asOf") AS "asOf" FROM known GROUP BY 1
    )
    SELECT t."linkedAccountId", t."transactedAt"::date::text AS day,
           coalesce(sum(t.amount) FILTER (WHERE k."asOf" IS NULL OR t."transactedAt" <= k."asOf"), 0)::bigint AS "atOrBefore",
           coalesce(sum(t.amount) FILTER (WHERE t."transactedAt" > k."asOf"), 0)::bigint AS after
      FROM bound b
      JOIN "AccountTransaction" t
        ON t."linkedAccountId" = b."linkedAccountId" AND t."transactedAt" >= ${from}::timestamp AND t."transactedAt" <= b."asOf"
      LEFT JOIN known k ON k."linkedAccountId" = t."linkedAccountId" AND k.day = t."transactedAt"::date
     WHERE t.status <> 'void'
     GROUP BY 1, 2`;
  for (const row of rows) {
    let days = byAccount.get(row.linkedAccountId);
    if (!days) byAccount.set(row.linkedAccountId, (days = new Map()));
    days.set(row.day, { atOrBefore: row.atOrBefore, after: row.after });
  }
  return byAccount;
}
