import "server-only";
import Stripe from "stripe";
import { disconnectAccount } from "@/server/accounts/disconnect-account";
import { refreshAccount, type RefreshFeature } from "@/server/accounts/refresh-account";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { stripe } from "@/server/stripe/client";
import { emitUserEvent } from "./webhooks/emit-events";
import { getIntegrationAccount, publicAccount, type ApiAccount } from "./integration-accounts";

const PERMISSION_FOR: Record<RefreshFeature, string> = { balance: "balances", ownership: "ownership", transactions: "transactions" };

/**
 * Asks Stripe to refresh the given features of one of the integration's accounts and answers
 * with the account as it stands: each feature's refresh pending. The result arrives by
 * webhook and shows on the account. Everything that can be checked here is checked before the
 * first call, so a refused request starts no refresh at all.
 */
export async function refreshIntegrationAccount(integrationId: string, accountId: string, features: RefreshFeature[]): Promise<ApiAccount> {
  const account = await getIntegrationAccount(integrationId, accountId);
  if (account.status !== "active") throw new DomainError("conflict", `Only active accounts can be refreshed; this one is ${account.status}`, { code: "account_not_active" });
  const missing = features.filter((f) => !account.permissions.includes(PERMISSION_FOR[f]));
  if (missing.length > 0) {
    throw new DomainError("invalid_input", `features: the person did not share ${missing.map((f) => PERMISSION_FOR[f]).join(", ")} for this account`, { field: "features", code: "permission_missing" });
  }
  for (const feature of features) await refreshAccount({ userId: account.userId }, account.id, feature);
  return publicAccount(await getIntegrationAccount(integrationId, accountId));
}

/** Disconnects one of the integration's accounts at Stripe and here; again is a no-op. */
export async function disconnectIntegrationAccount(integrationId: string, accountId: string): Promise<ApiAccount> {
  const account = await getIntegrationAccount(integrationId, accountId);
  await disconnectAccount({ kind: "user", userId: account.userId }, account.id);
  return publicAccount(await getIntegrationAccount(integrationId, accountId));
}

/**
 * Erases one of the integration's users: every account still connected is disconnected at
 * Stripe, the Stripe Customer is deleted, then the user and everything stored for them (accounts,
 * owners, transactions, link sessions and tokens, the external id) go in one transaction with an
 * audit entry that names no one. A person who also signs in to the app themself (a mapping from
 * before integrations kept users apart) is refused: erasing them is an admin's decision.
 */
export async function eraseIntegrationUser(integrationId: string, externalId: string) {
  const mapping = await prisma.externalUser.findUnique({
    where: { namespace_externalId: { namespace: integrationId, externalId } },
    select: { userId: true, user: { select: { email: true, role: true } } },
  });
  if (!mapping) throw new DomainError("not_found", `No such user: ${externalId}`, { field: "external_id" });
  if (mapping.user.email !== null || mapping.user.role === "admin") {
    throw new DomainError("conflict", "This user also signs in to the app themself; ask an administrator to erase them", { code: "user_shared" });
  }
  const { userId } = mapping;
  const connected = await prisma.linkedAccount.findMany({ where: { userId, status: { not: "disconnected" } }, select: { id: true } });
  for (const account of connected) await disconnectAccount({ kind: "user", userId }, account.id);
  for (const customer of await prisma.stripeCustomer.findMany({ where: { userId }, select: { stripeCustomerId: true } })) {
    await deleteStripeCustomer(customer.stripeCustomerId);
  }
  await prisma.$transaction(async (tx) => {
    const accounts = await tx.linkedAccount.count({ where: { userId } });
    await emitUserEvent(tx, userId, "user.deleted");
    await tx.user.delete({ where: { id: userId } });
    await tx.auditLog.create({
      data: { action: "integration.user_erase", targetType: "integration", targetId: integrationId, metadata: { accounts, accountsDisconnected: connected.length } },
    });
  });
  return { object: "user" as const, external_id: externalId, deleted: true as const, accounts_disconnected: connected.length };
}

/** Deleting a customer Stripe no longer has is done already. */
async function deleteStripeCustomer(id: string): Promise<void> {
  try {
    await stripe().customers.del(id);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing") return;
    throw error;
  }
}
