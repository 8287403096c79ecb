import "server-only";
import type { Prisma } from "@/server/db/generated/prisma/client";

export type SnapshotBalance = { asOf: Date; currency: string; current: bigint | null; available: bigint | null };

/**
 * Keeps the balance as the account's snapshot of the UTC day of its asOf: one row per account
 * and day, the newest refresh of the day winning. One upsert, so two syncs of one account racing
 * (or a webhook applied late, carrying an older balance) cannot leave the older balance in place:
 * the row changes only when the incoming asOf is at least the stored one. Runs in the caller's
 * transaction, the one that stores the balance on the account. True when the row was written.
 */
export async function recordBalanceSnapshot(tx: Prisma.TransactionClient, linkedAccountId: string, balance: SnapshotBalance): Promise<boolean> {
  const day = balance.asOf.toISOString().slice(0, 10);
  // asOf as UTC text: the column is a timestamp without zone holding UTC, as Prisma writes it.
  const written = await tx.$executeRaw`
    INSERT INTO "BalanceSnapshot" ("linkedAccountId", day, "asOf", currency, current, available)
    VALUES (${linkedAccountId}, ${day}::date, ${balance.asOf.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${balance.currency}, ${balance.current}::bigint, ${balance.available}::bigint)
    ON CONFLICT ("linkedAccountId", day) DO UPDATE
       SET "asOf" = excluded."asOf", currency = excluded.currency, current = excluded.current, available = excluded.available
     WHERE excluded."asOf" >= "BalanceSnapshot"."asOf"`;
  return written > 0;
}
