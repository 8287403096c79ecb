import "server-only";
import type { z } from "zod";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import type { Transaction, TransactionsSync } from "./api/schemas";

type ApiTransaction = z.output<typeof Transaction>;
type ChangedRow = {
  id: string;
  amount: bigint;
  currency: string;
  description: string;
  status: "pending" | "posted" | "void";
  transactedAt: Date;
  postedAt: Date | null;
  stripeUpdatedAt: Date;
  createdSeq: bigint;
  changeSeq: bigint;
};

/** The cursor is the last change number read, opaque to the integrator. */
const encodeCursor = (seq: bigint) => Buffer.from(`v1:${seq}`).toString("base64url");

function decodeCursor(cursor: string | undefined): bigint {
  if (!cursor) return 0n;
  const match = /^v1:(\d{1,19})$/.exec(Buffer.from(cursor, "base64url").toString());
  const seq = match ? BigInt(match[1]!) : -1n;
  if (seq < 0n || seq > 9_223_372_036_854_775_807n) throw new DomainError("invalid_input", "cursor: is not a cursor this API gave out (pass next_cursor as it came)", { field: "cursor" });
  return seq;
}

/**
 * The changes to one account's transactions since `cursor`, oldest first, at most `count`:
 * new ones (added), ones sent before that changed (modified) and ones sent before that the bank
 * voided (removed). A transaction voided before it was ever sent is left out. Change numbers
 * are handed out in commit order per account (the trigger of migration integrations_api_v1),
 * so a cursor never skips a change that commits later.
 */
export async function syncAccountTransactions(accountId: string, query: { cursor?: string; count: number }): Promise<z.output<typeof TransactionsSync>> {
  const since = decodeCursor(query.cursor);
  const rows = await prisma.$queryRaw<ChangedRow[]>`
    SELECT id, amount, currency, description, status::text AS status, "transactedAt", "postedAt", "stripeUpdatedAt", "createdSeq", "changeSeq"
      FROM "AccountTransaction"
     WHERE "linkedAccountId" = ${accountId} AND "changeSeq" > ${since}
     ORDER BY "changeSeq"
     LIMIT ${query.count + 1}`;
  const page = rows.slice(0, query.count);
  const result: z.output<typeof TransactionsSync> = { object: "transactions_sync", added: [], modified: [], removed: [], next_cursor: encodeCursor(page.at(-1)?.changeSeq ?? since), has_more: rows.length > query.count };
  for (const row of page) {
    const seenBefore = row.createdSeq <= since;
    if (row.status === "void") {
      if (seenBefore) result.removed.push({ id: row.id, object: "transaction" });
    } else (seenBefore ? result.modified : result.added).push(toApiTransaction(row, accountId));
  }
  return result;
}

function toApiTransaction(row: ChangedRow, accountId: string): ApiTransaction {
  return {
    id: row.id,
    object: "transaction",
    account: accountId,
    amount: Number(row.amount),
    currency: row.currency,
    description: row.description,
    status: row.status === "posted" ? "posted" : "pending",
    transacted_at: row.transactedAt.toISOString(),
    posted_at: row.postedAt?.toISOString() ?? null,
    updated_at: row.stripeUpdatedAt.toISOString(),
  };
}
