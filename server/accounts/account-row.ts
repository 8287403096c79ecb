import "server-only";
import { prisma } from "@/server/db/client";
import { Prisma, type LinkedAccount } from "@/server/db/generated/prisma/client";

// The stored account as syncing needs it, in one statement each: the row and whether its owners
// are stored. These run for every webhook event, so they are raw SQL: Prisma would take a
// second query for the owner count and a third for the row lock.

/** A stored account and whether any of its owners are stored. */
export type AccountRow = LinkedAccount & { ownersStored: boolean };

const ROW_WITH_OWNERS_FLAG = Prisma.sql`
  SELECT la.*, EXISTS (SELECT 1 FROM "AccountOwner" o WHERE o."linkedAccountId" = la.id) AS "ownersStored"
    FROM "LinkedAccount" la`;

/** The account stored under Stripe's id, or null. */
export async function findAccountRow(stripeAccountId: string): Promise<AccountRow | null> {
  const [row] = await prisma.$queryRaw<AccountRow[]>`${ROW_WITH_OWNERS_FLAG} WHERE la."stripeAccountId" = ${stripeAccountId}`;
  return row ? asPrismaReadsIt(row) : null;
}

/**
 * The account row locked for the rest of `tx` (concurrent syncs of one account queue here), as
 * it is now; null when it is gone.
 */
export async function lockAccountRow(tx: Prisma.TransactionClient, id: string): Promise<AccountRow | null> {
  const [row] = await tx.$queryRaw<AccountRow[]>`${ROW_WITH_OWNERS_FLAG} WHERE la.id = ${id} FOR UPDATE OF la`;
  return row ? asPrismaReadsIt(row) : null;
}

/** Prisma reads a NULL list column as an empty list; raw SQL gives the NULL. */
function asPrismaReadsIt(row: AccountRow): AccountRow {
  return {
    ...row,
    permissions: row.permissions ?? [],
    supportedPaymentMethodTypes: row.supportedPaymentMethodTypes ?? [],
    subscriptions: row.subscriptions ?? [],
  };
}
