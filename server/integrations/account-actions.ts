import "server-only";
import Stripe from "stripe";
import { disconnectAccount } from "@/server/accounts/disconnect-account";
import { revokePaymentAuthorization } from "@/server/payments/revoke-authorization";
import { refreshAccount, type RefreshFeature } from "@/server/accounts/refresh-account";
import { prisma } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/prisma/client";
import { DomainError } from "@/server/errors/domain-error";
import { stripe } from "@/server/stripe/client";
import { emitUserEvent } from "./webhooks/emit-events";
import { getIntegrationAccount, integrationLinkSessionIds, publicAccount, type ApiAccount } from "./integration-accounts";

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
  const waits = features.map((f) => account.refreshes[f]?.next_refresh_available_at ?? null).filter((at): at is string => at !== null && Date.parse(at) > Date.now());
  if (waits.length > 0) {
    const seconds = Math.max(...waits.map((at) => Math.ceil((Date.parse(at) - Date.now()) / 1000)));
    throw new DomainError("rate_limited", `features: the bank allows another refresh of this account in ${seconds} seconds`, { field: "features", retryAfterSeconds: seconds });
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
 * Erases one of the integration's users: what came through the integration's links (accounts,
 * disconnected at Stripe first, with their owners and transactions; link sessions and tokens)
 * and the external id go in one transaction (their payment methods detached first), with a `user.deleted` event and an audit entry that
 * names no one. The person's row goes too, with their Stripe Customer, when nothing else is left
 * of them: a user made for this mapping, who cannot sign in. A mapping from before integrations
 * kept users apart may name a person who signs in or links through another integration: they
 * keep what is theirs. Stripe is called before the transaction, each call safe to repeat, so a
 * failure part-way leaves a retry to finish the job.
 */
export async function eraseIntegrationUser(integrationId: string, externalId: string) {
  const mapping = await prisma.externalUser.findUnique({ where: { namespace_externalId: { namespace: integrationId, externalId } }, select: { id: true, userId: true } });
  if (!mapping) throw new DomainError("not_found", `No such user: ${externalId}`, { field: "external_id" });
  const { userId } = mapping;
  const sessions = await integrationLinkSessionIds(integrationId, userId);
  // Debits end with the data: every PaymentMethod made from these accounts is detached first.
  const payable = await prisma.paymentAuthorization.findMany({
    where: { state: { in: ["pending", "active", "inactive"] }, linkedAccount: { userId, linkSessionId: { in: sessions } } },
    select: { linkedAccountId: true },
  });
  for (const { linkedAccountId } of payable) await revokePaymentAuthorization({ kind: "integration", userId }, linkedAccountId);
  const connected = await prisma.linkedAccount.findMany({ where: { userId, linkSessionId: { in: sessions }, status: { not: "disconnected" } }, select: { id: true } });
  for (const account of connected) await disconnectAccount({ kind: "user", userId }, account.id);
  const alone = await isTheirOnlyMapping(userId);
  const customers = alone ? await prisma.stripeCustomer.findMany({ where: { userId }, select: { stripeCustomerId: true } }) : [];
  for (const customer of customers) await deleteStripeCustomer(customer.stripeCustomerId);

  await prisma.$transaction(async (tx) => {
    // Locked, so no link can start or store accounts for them until this commits (their inserts wait on the row).
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
    // Read again under the lock: a link may have been minted, or finished, meanwhile.
    const sessions = await integrationLinkSessionIds(integrationId, userId, tx);
    if ((await tx.linkedAccount.count({ where: { userId, linkSessionId: { in: sessions }, status: { not: "disconnected" } } })) > 0) {
      throw new DomainError("conflict", "An account was linked for this user while they were being deleted: send the request again", { code: "user_busy", retryAfterSeconds: 1 });
    }
    const accounts = await tx.linkedAccount.deleteMany({ where: { userId, linkSessionId: { in: sessions } } });
    await tx.linkSession.deleteMany({ where: { userId, id: { in: sessions } } });
    await tx.linkToken.deleteMany({ where: { userId, apiKey: { integrationId } } });
    await tx.externalUser.delete({ where: { id: mapping.id } });
    const userErased = alone && (await isLeftWithNothing(tx, userId));
    if (userErased) await tx.user.delete({ where: { id: userId } });
    else if (customers.length > 0) await tx.stripeCustomer.deleteMany({ where: { userId } }); // gone at Stripe: a later link makes a new one
    await emitUserEvent(tx, integrationId, externalId, "user.deleted");
    await tx.auditLog.create({
      data: { action: "integration.user_erase", targetType: "integration", targetId: integrationId, metadata: { accounts: accounts.count, accountsDisconnected: connected.length, userErased } },
    });
  });
  return { object: "user" as const, external_id: externalId, deleted: true as const, accounts_disconnected: connected.length };
}

/** Whether the user was made for this one mapping: no sign-in email, no admin role, no other integration's id for them. */
async function isTheirOnlyMapping(userId: string): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, role: true, _count: { select: { externalIds: true, accounts: true } } } });
  return Boolean(user && user.email === null && user.role === "user" && user._count.externalIds === 1 && user._count.accounts === 0);
}

/** After the integration's part is gone: nothing of the user's own remains (no accounts, mappings, sign-ins). */
async function isLeftWithNothing(tx: Prisma.TransactionClient, userId: string): Promise<boolean> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { email: true, role: true, _count: { select: { externalIds: true, linkedAccounts: true, accounts: true, sessions: true } } },
  });
  if (!user || user.email !== null || user.role !== "user") return false;
  return Object.values(user._count).every((n) => n === 0);
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
