import "server-only";
import type Stripe from "stripe";
import { prisma } from "@/server/db/client";
import { env } from "@/server/env";
import { consumeRateLimit } from "@/server/http/rate-limit";
import { stripe, stripeMode } from "@/server/stripe/client";
import { ensureStripeCustomer } from "./ensure-stripe-customer";
import { linkSessionSettings } from "./link-settings";

export type CreatedLinkSession = { linkSessionId: string; clientSecret: string };

/**
 * Starts linking for a signed-in user: their Stripe Customer (created once), a Financial
 * Connections Session for it, and a pending link session row. `attemptId` is the browser's
 * id for one click of the button: repeats of it (a double click, a retried request) get the
 * same Stripe session through Stripe's idempotency key, and one row.
 */
export async function createLinkSession(
  user: { id: string; email: string | null },
  attemptId: string,
): Promise<CreatedLinkSession> {
  const existing = await prisma.linkSession.findUnique({ where: { userId_attemptId: { userId: user.id, attemptId } } });
  if (existing) {
    const session = await stripe().financialConnections.sessions.retrieve(existing.stripeSessionId);
    return { linkSessionId: existing.id, clientSecret: requireClientSecret(session.client_secret) };
  }

  const { session, permissions } = await openStripeSession(user, { idempotencyKey: `linkwell-fcsess-${user.id}-${attemptId}` });
  // One statement: a repeat of the attempt (same Stripe session through the idempotency key)
  // inserts nothing and finds the row the first one stored.
  const [created] = await prisma.linkSession.createManyAndReturn({
    data: [{ userId: user.id, attemptId, stripeSessionId: session.id, mode: stripeMode(), requestedPermissions: permissions }],
    select: { id: true },
    skipDuplicates: true,
  });
  const row = created ?? (await prisma.linkSession.findUniqueOrThrow({ where: { stripeSessionId: session.id }, select: { id: true } }));
  return { linkSessionId: row.id, clientSecret: requireClientSecret(session.client_secret) };
}

/**
 * The Stripe half of starting to link, shared with hosted links: the per-user rate limit, the
 * user's Stripe Customer, and a Financial Connections Session for it. The idempotency key names
 * the attempt, so a retried start gets the same session.
 */
export async function openStripeSession(
  user: { id: string; email: string | null },
  options: { idempotencyKey: string; permissions?: Stripe.FinancialConnections.SessionCreateParams.Permission[]; returnUrl?: string },
) {
  await consumeRateLimit("link-session", user.id, env().LINK_SESSIONS_PER_MINUTE, 60);
  const customerId = await ensureStripeCustomer(user);
  const settings = linkSessionSettings(options.permissions);
  const session = await stripe().financialConnections.sessions.create(
    {
      account_holder: { type: "customer", customer: customerId },
      ...settings,
      ...(options.returnUrl && { return_url: options.returnUrl }),
    },
    { idempotencyKey: options.idempotencyKey },
  );
  return { session, permissions: settings.permissions };
}

export function requireClientSecret(secret: string | null): string {
  if (!secret) throw new Error("Stripe returned a Financial Connections Session without a client_secret");
  return secret;
}
