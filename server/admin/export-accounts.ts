import "server-only";
import { prisma } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/prisma/client";
import { accountWhere, type AccountFilters } from "./account-filters";
import { csvLine, csvRows } from "./csv";
import { minorToDecimal } from "@/lib/format/admin";
import { accountOrderBy } from "./list-accounts";
import { keysetSegments, readSegments } from "@/lib/admin/search-params";
import { accountSummarySelect } from "@/server/accounts/account-select";

export const EXPORT_BATCH_SIZE = 5_000;

export const EXPORT_COLUMNS = [
  "account_id",
  "stripe_account_id",
  "user_id",
  "user_email",
  "institution",
  "display_name",
  "last4",
  "category",
  "subcategory",
  "status",
  "balance_current",
  "balance_current_minor",
  "balance_currency",
  "linked_at",
  "expected_deactivation_at",
  "disconnected_at",
  "ownership_verdict",
  "ownership_score",
  "payments_state",
  "mandate_id",
  "mandate_status",
  "mandate_accepted_at",
  "mandate_accepted_ip",
] as const;

const exportSelect = {
  ...accountSummarySelect,
  stripeAccountId: true,
  userId: true,
  category: true,
  balanceCurrent: true,
  balanceCurrency: true,
  expectedDeactivationAt: true,
  disconnectedAt: true,
  ownershipVerdict: true,
  ownershipScore: true,
  // The newest authorization (what the admin table's "Payments" cell shows), with its mandate.
  paymentAuthorizations: {
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 1,
    select: { state: true, stripeMandateId: true, mandateStatus: true, acceptedAt: true, acceptedIp: true },
  },
} satisfies Prisma.LinkedAccountSelect;

type ExportRow = Prisma.LinkedAccountGetPayload<{ select: typeof exportSelect }>;

function rowCells(row: ExportRow, email: string | null | undefined) {
  const payment = row.paymentAuthorizations[0];
  return [
    row.id,
    row.stripeAccountId,
    row.userId,
    email,
    row.institutionName,
    row.displayName,
    row.last4,
    row.category,
    row.subcategory,
    row.status,
    row.balanceCurrent !== null && row.balanceCurrency ? minorToDecimal(row.balanceCurrent, row.balanceCurrency) : null,
    row.balanceCurrent,
    row.balanceCurrency?.toUpperCase(),
    row.createdAt.toISOString(),
    row.expectedDeactivationAt?.toISOString(),
    row.disconnectedAt?.toISOString(),
    row.ownershipVerdict,
    row.ownershipScore,
    payment?.state,
    payment?.stripeMandateId,
    payment?.mandateStatus,
    payment?.acceptedAt.toISOString(),
    payment?.acceptedIp,
  ];
}

/**
 * The filtered accounts table as CSV, one keyset batch per pull: the stream asks for the
 * next batch only when the client has taken the previous one, so memory holds one batch
 * however many rows there are, and a slow or gone client stops the queries.
 */
export function exportAccountsCsv(filters: AccountFilters, batchSize = EXPORT_BATCH_SIZE): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let where: Prisma.LinkedAccountWhereInput | null = null;
  let last: ExportRow | null = null;
  let done = false;

  return new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        where = (await accountWhere(filters)).where;
        controller.enqueue(encoder.encode(csvLine(EXPORT_COLUMNS)));
      },
      async pull(controller) {
        if (done || !where) return;
        const keys =
          filters.sort === "institution"
            ? [
                { field: "institutionName", value: last?.institutionName },
                { field: "createdAt", value: last?.createdAt },
              ]
            : [{ field: "createdAt", value: last?.createdAt }];
        const read = (extra: Prisma.LinkedAccountWhereInput | null, take: number) =>
          prisma.linkedAccount.findMany({
            where: extra ? { AND: [where!, extra] } : where!,
            orderBy: accountOrderBy(filters, filters.dir),
            take,
            select: exportSelect,
          });
        const rows = last
          ? await readSegments(keysetSegments<Prisma.LinkedAccountWhereInput>(keys, last.id, filters.dir), batchSize, read)
          : await read(null, batchSize);
        const emails = await emailsFor(rows);
        const chunk = csvRows(rows.map((row) => rowCells(row, emails.get(row.userId))));
        if (chunk) controller.enqueue(encoder.encode(chunk));
        last = rows[rows.length - 1] ?? null;
        if (rows.length < batchSize) {
          done = true;
          controller.close();
        }
      },
    },
    // One batch queued ahead at most: enough to keep the socket busy, never the whole table.
    { highWaterMark: 1 },
  );
}

/** Emails of a batch's users in one indexed query (a join per row would repeat them). */
async function emailsFor(rows: ExportRow[]): Promise<Map<string, string | null>> {
  const ids = [...new Set(rows.map((row) => row.userId))];
  if (!ids.length) return new Map();
  const users = await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  return new Map(users.map((user) => [user.id, user.email]));
}

export function exportFileName(now = new Date()): string {
  return `linked-accounts-${now.toISOString().slice(0, 19).replace(/[:T]/g, "-")}.csv`;
}
