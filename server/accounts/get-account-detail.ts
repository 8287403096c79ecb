import "server-only";
import { prisma } from "@/server/db/client";
import type { Prisma, TransactionStatus } from "@/server/db/generated/prisma/client";

/** One of the user's accounts with its owners; null when it is not theirs (the page shows 404). */
export function getUserAccount(userId: string, accountId: string) {
  return prisma.linkedAccount.findFirst({
    where: { id: accountId, userId },
    include: { owners: { orderBy: { name: "asc" } }, replacedBy: { select: { id: true } } },
  });
}

export type TransactionFilter = { from?: Date; to?: Date; status?: TransactionStatus; cursor?: string };
export const TRANSACTIONS_PAGE_SIZE = 25;

/**
 * A page of an account's transactions, newest first, keyset-paginated on (transactedAt, id)
 * so deep pages cost the same as the first. The account must already be known to be the user's.
 */
export async function listAccountTransactions(linkedAccountId: string, filter: TransactionFilter) {
  const where: Prisma.AccountTransactionWhereInput = {
    linkedAccountId,
    ...(filter.status && { status: filter.status }),
    ...((filter.from || filter.to) && { transactedAt: { ...(filter.from && { gte: filter.from }), ...(filter.to && { lte: filter.to }) } }),
  };
  const after = filter.cursor ? decodeCursor(filter.cursor) : null;
  const rows = await prisma.accountTransaction.findMany({
    where: after
      ? { AND: [where, { OR: [{ transactedAt: { lt: after.at } }, { transactedAt: after.at, id: { lt: after.id } }] }] }
      : where,
    orderBy: [{ transactedAt: "desc" }, { id: "desc" }],
    take: TRANSACTIONS_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, TRANSACTIONS_PAGE_SIZE);
  const last = page.at(-1);
  return { transactions: page, nextCursor: rows.length > TRANSACTIONS_PAGE_SIZE && last ? encodeCursor(last.transactedAt, last.id) : null };
}

function encodeCursor(at: Date, id: string) {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const at = iso ? new Date(iso) : null;
  return at && !Number.isNaN(at.getTime()) && id ? { at, id } : null;
}
