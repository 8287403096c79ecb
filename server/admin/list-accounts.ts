import "server-only";
import { prisma } from "@/server/db/client";
import type { LinkedAccountStatus, Prisma } from "@/server/db/generated/prisma/client";
import { accountWhere, type AccountFilters } from "./account-filters";
import { decodeCursor, encodeCursor, keysetSegments, readSegments } from "@/lib/admin/search-params";
import { accountSummarySelect } from "@/server/accounts/account-select";

export const ACCOUNT_PAGE_SIZE = 50;

export const accountRowSelect = {
  ...accountSummarySelect,
  category: true,
  balanceCurrent: true,
  balanceCurrency: true,
  stripeAccountId: true,
  expectedDeactivationAt: true,
  ownershipVerdict: true,
  // The newest authorization only: its state is the account's "Payments" cell (one extra indexed
  // query per page, by linkedAccountId; an account holds a handful of authorizations).
  paymentAuthorizations: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { state: true } },
  replacedById: true,
  userId: true,
  user: { select: { email: true } },
} satisfies Prisma.LinkedAccountSelect;

export type AccountRow = Prisma.LinkedAccountGetPayload<{ select: typeof accountRowSelect }>;

export type AccountPage = {
  rows: AccountRow[];
  /** Cursor of the page after this one, when there is one. */
  next: string | null;
  /** Cursor of the page before this one, when there is one. */
  prev: string | null;
  /** The search matched more users than it looks at: ask for a longer search. */
  capped: boolean;
};

/** The sort keys of a row, in the order of the keyset (id is always the last key). */
function sortKeys(filters: AccountFilters, row?: { institutionName: string; createdAt: Date }) {
  return filters.sort === "institution"
    ? [
        { field: "institutionName", value: row?.institutionName },
        { field: "createdAt", value: row?.createdAt },
      ]
    : [{ field: "createdAt", value: row?.createdAt }];
}

function cursorFor(filters: AccountFilters, row: AccountRow): string {
  const values = filters.sort === "institution" ? [row.institutionName, row.createdAt.toISOString()] : [row.createdAt.toISOString()];
  return encodeCursor(values, row.id);
}

/** Reads a cursor back into typed key values; a cursor from another sort is ignored. */
function cursorKeys(filters: AccountFilters, raw: string | undefined) {
  const cursor = decodeCursor(raw);
  const expected = filters.sort === "institution" ? 2 : 1;
  if (!cursor || cursor.values.length !== expected) return null;
  const createdAt = new Date(cursor.values[expected - 1]!);
  if (Number.isNaN(createdAt.getTime())) return null;
  const keys = sortKeys(filters, { institutionName: cursor.values[0]!, createdAt });
  return { keys, id: cursor.id };
}

export function accountOrderBy(filters: AccountFilters, dir: "asc" | "desc"): Prisma.LinkedAccountOrderByWithRelationInput[] {
  return filters.sort === "institution"
    ? [{ institutionName: dir }, { createdAt: dir }, { id: dir }]
    : [{ createdAt: dir }, { id: dir }];
}

/**
 * One page of the accounts table, by keyset: `after` continues past a row, `before` goes
 * back from one. Reading limit + 1 rows tells whether there is more without counting.
 */
export async function listAccounts(
  filters: AccountFilters,
  page: { after?: string; before?: string; limit?: number } = {},
): Promise<AccountPage> {
  const limit = Math.min(Math.max(page.limit ?? ACCOUNT_PAGE_SIZE, 1), 500);
  const { where, capped } = await accountWhere(filters);
  const backwards = !page.after && Boolean(page.before);
  const cursor = cursorKeys(filters, backwards ? page.before : page.after);
  const reversed = filters.dir === "desc" ? "asc" : "desc";
  const direction = backwards ? reversed : filters.dir;
  const read = (extra: Prisma.LinkedAccountWhereInput | null, take: number) =>
    prisma.linkedAccount.findMany({
      where: extra ? { AND: [where, extra] } : where,
      orderBy: accountOrderBy(filters, direction),
      take,
      select: accountRowSelect,
    });
  const fetched = cursor
    ? await readSegments(keysetSegments<Prisma.LinkedAccountWhereInput>(cursor.keys, cursor.id, direction), limit + 1, read)
    : await read(null, limit + 1);
  const more = fetched.length > limit;
  const rows = fetched.slice(0, limit);
  if (backwards) rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  const hasNext = backwards ? Boolean(cursor) : more;
  const hasPrev = backwards ? more : Boolean(cursor);
  return {
    rows,
    next: hasNext && last ? cursorFor(filters, last) : null,
    prev: hasPrev && first ? cursorFor(filters, first) : null,
    capped,
  };
}

export type StatusCounts = Record<LinkedAccountStatus, number> & { total: number };

/**
 * How many accounts match the filters, per status (the status filter itself left out, so
 * each status chip shows what choosing it would give). `total` respects the status filter.
 */
export async function countAccounts(filters: AccountFilters): Promise<StatusCounts> {
  const { where } = await accountWhere(filters, { withStatus: false });
  const groups = await prisma.linkedAccount.groupBy({ by: ["status"], where, _count: { _all: true } });
  const counts: StatusCounts = { active: 0, inactive: 0, disconnected: 0, total: 0 };
  for (const group of groups) counts[group.status] = group._count._all;
  counts.total = filters.status ? counts[filters.status] : counts.active + counts.inactive + counts.disconnected;
  return counts;
}
