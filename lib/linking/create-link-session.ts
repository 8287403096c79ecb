import "server-only";
import { prisma } from "@/lib/db/client";
import { retryOnUniqueConflict } from "@/lib/db/unique-conflict";
import { env } from "@/lib/env";
import { consumeRateLimit } from "@/lib/http/rate-limit";
import { stripe, stripeMode } from "@/lib/stripe/client";
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
  options: { returnUrl?: string } = {},
): Promise<CreatedLinkSession> {
  const existing = await prisma.linkSession.findUnique({ where: { userId_attemptId: { userId: user.id, attemptId } } });
  if (existing) {
    const session = await stripe().financialConnections.sessions.retrieve(existing.stripeSessionId);
    return { linkSessionId: existing.id, clientSecret: requireClientSecret(session.client_secret) };
  }

  await consumeRateLimit("link-session", user.id, env().LINK_SESSIONS_PER_MINUTE, 60);
  const customerId = await ensureStripeCustomer(user);
  const settings = linkSessionSettings();
  const session = await stripe().financialConnections.sessions.create(
    {
      account_holder: { type: "customer", customer: customerId },
      ...settings,
      ...(options.returnUrl && { return_url: options.returnUrl }),
    },
    { idempotencyKey: `linkwell-fcsess-${user.id}-${attemptId}` },
  );
  const row = await retryOnUniqueConflict(() =>
    prisma.linkSession.upsert({
      where: { stripeSessionId: session.id },
      create: {
        userId: user.id,
        attemptId,
        stripeSessionId: session.id,
        mode: stripeMode(),
        requestedPermissions: settings.permissions,
      },
      update: {},
    }),
  );
  return { linkSessionId: row.id, clientSecret: requireClientSecret(session.client_secret) };
}

function requireClientSecret(secret: string | null): string {
  if (!secret) throw new Error("Stripe returned a Financial Connections Session without a client_secret");
  return secret;
}
