import "server-only";
import type Stripe from "stripe";
import { prisma } from "@/server/db/client";
import { completeLinkSession } from "@/server/linking/complete-link-session";
import { stripe } from "@/server/stripe/client";

/** How far back a link session may have started and still be completed from an event. */
const ADOPTION_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_SESSIONS_CHECKED = 20;

/**
 * An account Stripe created that we do not store: its link session's browser went away after
 * the modal, so "session X finished" never came. The account object does not name its
 * session, so: account holder (customer) -> our StripeCustomer -> that user's link sessions
 * that are still pending (or were closed as cancelled before Stripe attached accounts), newest
 * first -> the one whose Stripe session lists this account is completed exactly as the browser
 * would have (completeLinkSession reads everything from Stripe and is idempotent; its upserts
 * are keyed on the Stripe account id, so a browser completing at the same moment is harmless).
 */
export async function adoptAccount(
  stripeAccountId: string,
  holder: Stripe.FinancialConnections.Account.AccountHolder | null | undefined,
): Promise<{ stored: boolean; note: string }> {
  const customerId = holder?.type === "customer" && typeof holder.customer === "string" ? holder.customer : null;
  if (!customerId) return { stored: false, note: "account holder is not a customer of this app" };
  const customer = await prisma.stripeCustomer.findUnique({ where: { stripeCustomerId: customerId } });
  if (!customer) return { stored: false, note: "account holder is not a customer of this app" };

  const sessions = await prisma.linkSession.findMany({
    where: {
      userId: customer.userId,
      mode: customer.mode,
      status: { in: ["pending", "cancelled"] },
      createdAt: { gte: new Date(Date.now() - ADOPTION_WINDOW_MS) },
    },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    take: MAX_SESSIONS_CHECKED,
  });
  for (const linkSession of sessions) {
    if (await sessionHoldsAccount(linkSession.stripeSessionId, stripeAccountId)) {
      await completeLinkSession(customer.userId, linkSession.id);
      return { stored: true, note: `completed link session ${linkSession.id}` };
    }
  }
  // Completed meanwhile by the browser (or another delivery)?
  const stored = await prisma.linkedAccount.findUnique({ where: { stripeAccountId }, select: { id: true } });
  return stored ? { stored: true, note: "stored meanwhile" } : { stored: false, note: "no link session of this customer holds the account" };
}

async function sessionHoldsAccount(stripeSessionId: string, stripeAccountId: string): Promise<boolean> {
  const session = await stripe().financialConnections.sessions.retrieve(stripeSessionId);
  if (session.accounts.data.some((a) => a.id === stripeAccountId)) return true;
  if (!session.accounts.has_more) return false;
  for await (const account of stripe().financialConnections.accounts.list({ session: stripeSessionId, limit: 100 })) {
    if (account.id === stripeAccountId) return true;
  }
  return false;
}
