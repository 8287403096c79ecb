import "server-only";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { stripe } from "@/server/stripe/client";
import { storeAccountState } from "./sync-account";

export const REFRESH_FEATURES = ["balance", "ownership", "transactions"] as const;
export type RefreshFeature = (typeof REFRESH_FEATURES)[number];

/** The permission a user must have granted before we may ask the bank for a feature. */
const PERMISSION_FOR: Record<RefreshFeature, string> = { balance: "balances", ownership: "ownership", transactions: "transactions" };

/**
 * Asks Stripe to refresh one feature of an account. The result arrives later (webhook or
 * the page's polling); until then the stored state says pending. `scope` limits the lookup
 * to one user's accounts; admins pass null.
 */
export async function refreshAccount(scope: { userId: string } | null, accountId: string, feature: RefreshFeature) {
  const account = await prisma.linkedAccount.findFirst({ where: { id: accountId, ...(scope && { userId: scope.userId }) } });
  if (!account) throw new DomainError("not_found", "Account not found");
  if (account.status !== "active") throw new DomainError("conflict", "Only active accounts can be refreshed");
  if (!account.permissions.includes(PERMISSION_FOR[feature])) {
    throw new DomainError("conflict", `This account did not share ${PERMISSION_FOR[feature]}`, { field: "feature" });
  }
  const nextAt = account[`${feature === "transactions" ? "transaction" : feature}RefreshNextAt`];
  if (nextAt && nextAt > new Date()) {
    const seconds = Math.ceil((nextAt.getTime() - Date.now()) / 1000);
    throw new DomainError("rate_limited", `This account can be refreshed again in ${seconds} seconds`, { field: "feature", retryAfterSeconds: seconds });
  }

  if (feature === "transactions" && !account.subscriptions.includes("transactions")) {
    // A subscription keeps transactions fresh from now on; Stripe refreshes them daily.
    await stripe().financialConnections.accounts.subscribe(account.stripeAccountId, { features: ["transactions"] });
  }
  const fetchedAt = new Date();
  const refreshed = await stripe().financialConnections.accounts.refresh(account.stripeAccountId, { features: [feature] });
  await storeAccountState(refreshed, { source: scope ? "user" : "admin", fetchedAt });
}
