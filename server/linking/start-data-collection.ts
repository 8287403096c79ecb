import "server-only";
import type Stripe from "stripe";
import { storeAccountState } from "@/server/accounts/sync-account";
import { logger } from "@/server/log/logger";
import { stripe } from "@/server/stripe/client";
import { stripeFailureFields } from "@/server/stripe/stripe-errors";

type FcAccount = Stripe.FinancialConnections.Account;

/**
 * Right after linking, ask Stripe for what the user granted but the session did not
 * prefetch: a transactions subscription (Stripe then keeps them fresh) and an ownership
 * refresh. The pending states are stored so the page waits for the results. Best effort:
 * the account is linked either way, and the user can refresh later.
 */
export async function startDataCollection(accounts: FcAccount[]): Promise<void> {
  const results = await Promise.allSettled(accounts.filter((a) => a.status === "active").map(collectFor));
  for (const r of results) {
    if (r.status === "rejected") logger("linking").warn({ err: r.reason, ...stripeFailureFields(r.reason) }, "could not start data collection");
  }
}

// One account's calls run in order, so the last answer carries the state of all of them.
async function collectFor(account: FcAccount): Promise<void> {
  let latest: FcAccount | null = null;
  let fetchedAt = new Date();
  if (account.permissions?.includes("transactions") && !account.subscriptions?.includes("transactions")) {
    latest = await stripe().financialConnections.accounts.subscribe(account.id, { features: ["transactions"] });
  }
  if (account.permissions?.includes("ownership") && !account.ownership_refresh) {
    fetchedAt = new Date();
    latest = await stripe().financialConnections.accounts.refresh(account.id, { features: ["ownership"] });
  }
  if (latest) await storeAccountState(latest, { source: "link", fetchedAt });
}
