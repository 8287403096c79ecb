import "server-only";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { syncAccountFromStripe } from "./sync-account";

/** How often a pending refresh may make us ask Stripe ourselves; webhooks usually beat this. */
const PENDING_SYNC_INTERVAL_MS = 1_500;

/**
 * The account's status and refresh states. While a refresh is pending and no webhook has
 * told us the outcome, it asks Stripe (at most every 1.5 s per account), so the page
 * settles even where webhooks cannot reach the app.
 */
export async function getAccountState(userId: string, accountId: string) {
  let account = await prisma.linkedAccount.findFirst({ where: { id: accountId, userId } });
  if (!account) throw new DomainError("not_found", "Account not found");
  const pending = [account.balanceRefreshStatus, account.ownershipRefreshStatus, account.transactionRefreshStatus].includes("pending");
  if (pending && Date.now() - account.syncedAt.getTime() > PENDING_SYNC_INTERVAL_MS) {
    await syncAccountFromStripe(account.stripeAccountId, { source: "user" });
    account = (await prisma.linkedAccount.findFirst({ where: { id: accountId, userId } }))!;
  }
  return {
    id: account.id,
    status: account.status,
    syncedAt: account.syncedAt.toISOString(),
    refreshes: {
      balance: account.balanceRefreshStatus,
      ownership: account.ownershipRefreshStatus,
      transactions: account.transactionRefreshStatus,
    },
  };
}
