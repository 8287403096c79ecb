import "server-only";
import type { Prisma } from "@/server/db/generated/prisma/client";

/**
 * The columns every list of accounts shows: what accountTitle() needs, the bank and the status.
 * Lists spread it into their own select and add what they show besides.
 */
export const accountSummarySelect = {
  id: true,
  institutionName: true,
  displayName: true,
  last4: true,
  subcategory: true,
  status: true,
  createdAt: true,
} satisfies Prisma.LinkedAccountSelect;
