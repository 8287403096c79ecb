import "server-only";
import type Stripe from "stripe";
import type { Prisma } from "@/server/db/generated/prisma/client";

/** Replaces the stored owners with Stripe's newest ownership snapshot. */
export async function syncOwners(tx: Prisma.TransactionClient, linkedAccountId: string, owners: Stripe.FinancialConnections.AccountOwner[]) {
  await tx.accountOwner.deleteMany({ where: { linkedAccountId, stripeOwnerId: { notIn: owners.map((o) => o.id) } } });
  for (const owner of owners) {
    const data = {
      name: owner.name,
      email: owner.email,
      phone: owner.phone,
      rawAddress: owner.raw_address,
      refreshedAt: owner.refreshed_at ? new Date(owner.refreshed_at * 1000) : null,
    };
    await tx.accountOwner.upsert({
      where: { linkedAccountId_stripeOwnerId: { linkedAccountId, stripeOwnerId: owner.id } },
      create: { linkedAccountId, stripeOwnerId: owner.id, ...data },
      update: data,
    });
  }
}
