import "server-only";
import { createHash } from "node:crypto";
import type { prisma } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/prisma/client";
import { matchOwnership, OWNERSHIP_MATCHER_VERSION, type HolderProfile } from "@/lib/ownership/match-ownership";
import { emitAccountEvents } from "@/server/integrations/webhooks/emit-events";
import { loadMatchHolder } from "./load-match-holder";

type Db = Prisma.TransactionClient | typeof prisma;

/** What a stored match's inputs are called: a new matcher, profile or owner list computes it again. */
export function matchInputsKey(holder: HolderProfile, profileVersion: number, owners: unknown[]): string {
  const digest = createHash("sha256").update(JSON.stringify({ holder, owners })).digest("base64url").slice(0, 16);
  return `m${OWNERSHIP_MATCHER_VERSION}.p${profileVersion}.${digest}`;
}

/**
 * Compares the owners of the user's accounts (or of the given ones) with their holder's profile
 * and stores the verdict where its inputs changed. Only accounts whose ownership data arrived are
 * compared. A changed verdict is announced to the integration the account came through (if any).
 * Runs inside the caller's transaction: the one that stored the owners or the profile.
 */
export async function refreshOwnershipMatches(db: Db, scope: { userId: string } | { accountIds: string[] }): Promise<number> {
  const where: Prisma.LinkedAccountWhereInput = "userId" in scope ? { userId: scope.userId } : { id: { in: scope.accountIds } };
  const accounts = await db.linkedAccount.findMany({
    where: { ...where, ownershipId: { not: null } },
    select: {
      id: true,
      userId: true,
      ownershipVerdict: true,
      ownershipMatchInputs: true,
      owners: { select: { name: true, email: true, phone: true, rawAddress: true }, orderBy: { stripeOwnerId: "asc" } },
    },
  });
  const holders = new Map<string, Awaited<ReturnType<typeof loadMatchHolder>>>();
  const changedVerdicts: string[] = [];
  const matchedAt = new Date();
  for (const account of accounts) {
    const holder = holders.get(account.userId) ?? (await loadMatchHolder(db, account.userId));
    holders.set(account.userId, holder);
    const inputs = matchInputsKey(holder.holder, holder.version, account.owners);
    if (inputs === account.ownershipMatchInputs) continue;
    const match = matchOwnership(holder.holder, account.owners);
    await db.linkedAccount.update({
      where: { id: account.id },
      data: {
        ownershipVerdict: match.verdict,
        ownershipScore: match.score,
        ownershipMatch: { fields: match.fields, reasons: match.reasons, ownerIndex: match.ownerIndex } as unknown as Prisma.InputJsonValue,
        ownershipMatchedAt: matchedAt,
        ownershipMatchInputs: inputs,
      },
    });
    if (match.verdict !== account.ownershipVerdict) changedVerdicts.push(account.id);
  }
  await emitAccountEvents(db, changedVerdicts, ["account.ownership_verdict_updated"]);
  return changedVerdicts.length;
}
