import "server-only";
import type { prisma } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/prisma/client";
import type { HolderProfile } from "@/lib/ownership/match-ownership";

type Db = Prisma.TransactionClient | typeof prisma;

/**
 * The account holder as the matcher sees them: the profile, falling back to the sign-in name and
 * email when the profile leaves them blank. `version` names these inputs in a stored match.
 */
export async function loadMatchHolder(db: Db, userId: string): Promise<{ holder: HolderProfile; version: number }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { name: true, email: true, holderProfile: true } });
  const p = user?.holderProfile ?? null;
  return {
    holder: {
      name: p?.name ?? user?.name ?? null,
      email: p?.email ?? user?.email ?? null,
      phone: p?.phone ?? null,
      address: p ? { line1: p.addressLine1, line2: p.addressLine2, city: p.city, state: p.state, postalCode: p.postalCode, country: p.country } : null,
    },
    version: p?.version ?? 0,
  };
}
