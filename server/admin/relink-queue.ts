import "server-only";
import { prisma } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/prisma/client";
import { decodeCursor, encodeCursor, keysetWhere } from "@/lib/admin/search-params";
import { accountSummarySelect } from "@/server/accounts/account-select";
import { readCounters, total } from "./counters";

export const RELINK_PAGE_SIZE = 50;

const relinkSelect = {
  ...accountSummarySelect,
  expectedDeactivationAt: true,
  syncedAt: true,
  userId: true,
  user: { select: { email: true } },
} satisfies Prisma.LinkedAccountSelect;

export type RelinkRow = Prisma.LinkedAccountGetPayload<{ select: typeof relinkSelect }>;

/**
 * Accounts whose owner must relink, most urgent first, in two keyset lists:
 *  - inactive: the bank already cut access; longest broken (oldest sync) first;
 *  - upcoming: still active, but the bank will cut access; soonest deactivation first.
 * Accounts already replaced by a newer link of the same bank account are done and left out.
 */
export async function listRelinkQueue(page: { inactiveAfter?: string; upcomingAfter?: string } = {}) {
  const inactiveCursor = decodeCursor(page.inactiveAfter);
  const upcomingCursor = decodeCursor(page.upcomingAfter);
  const asDate = (value: string | undefined) => {
    const date = value ? new Date(value) : null;
    return date && !Number.isNaN(date.getTime()) ? date : null;
  };
  const inactiveAt = asDate(inactiveCursor?.values[0]);
  const upcomingAt = asDate(upcomingCursor?.values[0]);

  const [inactive, upcoming, counts] = await Promise.all([
    prisma.linkedAccount.findMany({
      where: {
        AND: [
          { status: "inactive", replacedById: null },
          inactiveCursor && inactiveAt
            ? keysetWhere<Prisma.LinkedAccountWhereInput>([{ field: "syncedAt", value: inactiveAt }], inactiveCursor.id, "asc")
            : {},
        ],
      },
      orderBy: [{ syncedAt: "asc" }, { id: "asc" }],
      take: RELINK_PAGE_SIZE + 1,
      select: relinkSelect,
    }),
    prisma.linkedAccount.findMany({
      where: {
        AND: [
          { status: "active", replacedById: null, expectedDeactivationAt: { not: null } },
          upcomingCursor && upcomingAt
            ? keysetWhere<Prisma.LinkedAccountWhereInput>([{ field: "expectedDeactivationAt", value: upcomingAt }], upcomingCursor.id, "asc")
            : {},
        ],
      },
      orderBy: [{ expectedDeactivationAt: "asc" }, { id: "asc" }],
      take: RELINK_PAGE_SIZE + 1,
      select: relinkSelect,
    }),
    countRelinkQueue(),
  ]);
  const page_ = (rows: RelinkRow[], key: (row: RelinkRow) => Date | null) => {
    const shown = rows.slice(0, RELINK_PAGE_SIZE);
    const last = shown[shown.length - 1];
    const at = last ? key(last) : null;
    return { rows: shown, next: rows.length > RELINK_PAGE_SIZE && last && at ? encodeCursor([at.toISOString()], last.id) : null };
  };
  return {
    inactive: page_(inactive, (row) => row.syncedAt),
    upcoming: page_(upcoming, (row) => row.expectedDeactivationAt),
    counts,
  };
}

/** How many accounts are in each list, from the exact counters (counters.ts). */
export async function countRelinkQueue() {
  const counts = await readCounters(new Date(), ["relink_inactive", "relink_upcoming"]);
  return { inactive: total(counts, "relink_inactive"), upcoming: total(counts, "relink_upcoming") };
}
