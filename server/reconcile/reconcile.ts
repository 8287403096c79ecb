import "server-only";
import Stripe from "stripe";
import { syncAccountFromStripe } from "@/server/accounts/sync-account";
import { prisma } from "@/server/db/client";
import { completeLinkSession } from "@/server/linking/complete-link-session";
import { refreshOwnershipMatches } from "@/server/ownership/match-accounts";
import { stripe } from "@/server/stripe/client";

/** A pending link session with no accounts after this long was abandoned before linking anything. */
export const ABANDONED_AFTER_MS = 60 * 60 * 1000;
const BATCH = 200;

export type ReconcileSummary = {
  accounts: { checked: number; changed: number; failed: number };
  linkSessions: { checked: number; completed: number; cancelled: number; stillOpen: number; failed: number };
  /** Ownership verdicts that changed: accounts never compared (owners from before the matcher), or compared by an older matcher. */
  ownership: { verdictsChanged: number };
};

type Log = (line: string) => void;

/**
 * Makes the database match Stripe for every stored account and every pending link session,
 * for when webhooks were missed (endpoint down, retries exhausted), and brings every ownership
 * match up to the current matcher and profile. Everything is read from
 * Stripe; an account or session that already matches gets no write, so a second run
 * changes nothing. One failure does not stop the run; it is counted and logged.
 */
export async function reconcile(options: { log?: Log; now?: Date } = {}): Promise<ReconcileSummary> {
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const summary: ReconcileSummary = {
    accounts: { checked: 0, changed: 0, failed: 0 },
    linkSessions: { checked: 0, completed: 0, cancelled: 0, stillOpen: 0, failed: 0 },
    ownership: { verdictsChanged: 0 },
  };

  // Link sessions first: completing one stores accounts the loop below then sees.
  let afterSession: string | undefined;
  for (;;) {
    const sessions = await prisma.linkSession.findMany({
      where: { status: "pending", ...(afterSession && { id: { gt: afterSession } }) },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (sessions.length === 0) break;
    afterSession = sessions.at(-1)!.id;
    for (const linkSession of sessions) {
      summary.linkSessions.checked++;
      try {
        const session = await stripe().financialConnections.sessions.retrieve(linkSession.stripeSessionId);
        const hasAccounts = session.accounts.data.length > 0;
        const abandoned = now.getTime() - linkSession.createdAt.getTime() > ABANDONED_AFTER_MS;
        if (!hasAccounts && !abandoned) {
          summary.linkSessions.stillOpen++; // the user may still be in the modal
          continue;
        }
        const result = await completeLinkSession(linkSession.userId, linkSession.id);
        if (result.status === "succeeded") summary.linkSessions.completed++;
        else summary.linkSessions.cancelled++;
        log(`link session ${linkSession.id}: ${result.status} (${result.linked} accounts)`);
      } catch (error) {
        summary.linkSessions.failed++;
        log(`link session ${linkSession.id}: failed: ${describe(error)}`);
      }
    }
  }

  let afterAccount: string | undefined;
  for (;;) {
    const accounts = await prisma.linkedAccount.findMany({
      where: afterAccount ? { id: { gt: afterAccount } } : {},
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, stripeAccountId: true },
    });
    if (accounts.length === 0) break;
    afterAccount = accounts.at(-1)!.id;
    for (const account of accounts) {
      summary.accounts.checked++;
      try {
        if (await syncAccountFromStripe(account.stripeAccountId, { source: "reconcile", reason: "reconciliation" })) {
          summary.accounts.changed++;
          log(`account ${account.id} (${account.stripeAccountId}): updated from Stripe`);
        }
        // Compares only when the stored match's inputs are not the current ones (a no-op otherwise).
        summary.ownership.verdictsChanged += await prisma.$transaction((tx) => refreshOwnershipMatches(tx, { accountIds: [account.id] }));
      } catch (error) {
        summary.accounts.failed++;
        log(`account ${account.id} (${account.stripeAccountId}): failed: ${describe(error)}`);
      }
    }
  }
  return summary;
}

function describe(error: unknown): string {
  if (error instanceof Stripe.errors.StripeError) return `Stripe ${error.rawType ?? error.type}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
