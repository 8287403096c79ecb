import "server-only";
import { prisma } from "@/server/db/client";
import { isUniqueConflict } from "@/server/db/unique-conflict";
import { stripe, stripeMode } from "@/server/stripe/client";

/**
 * The user's Stripe Customer, created exactly once even when requests race: Stripe's
 * idempotency key (derived from the user and mode) makes concurrent creates return the
 * same customer, and the unique (userId, mode) row makes only one insert win.
 */
export async function ensureStripeCustomer(user: { id: string; email: string | null }): Promise<string> {
  const mode = stripeMode();
  const existing = await prisma.stripeCustomer.findUnique({ where: { userId_mode: { userId: user.id, mode } } });
  if (existing) return existing.stripeCustomerId;

  const customer = await stripe().customers.create(
    { email: user.email ?? undefined, metadata: { linkwell_user_id: user.id } },
    { idempotencyKey: `linkwell-customer-${mode}-${user.id}` },
  );
  try {
    await prisma.stripeCustomer.create({ data: { userId: user.id, mode, stripeCustomerId: customer.id } });
  } catch (error) {
    // Another request stored it first; both saw the same customer thanks to the idempotency key.
    if (!isUniqueConflict(error)) throw error;
  }
  const stored = await prisma.stripeCustomer.findUniqueOrThrow({ where: { userId_mode: { userId: user.id, mode } } });
  return stored.stripeCustomerId;
}
