import "server-only";
import { derivePaymentState, type PaymentFacts } from "@/lib/payments/payment-state";
import type { PaymentAuthorization, Prisma } from "@/server/db/generated/prisma/client";
import { emitAccountEvents } from "@/server/integrations/webhooks/emit-events";

type Tx = Prisma.TransactionClient;
type AccountStatus = PaymentFacts["accountStatus"];

export type AuthorizationChanges = Partial<
  Pick<
    PaymentAuthorization,
    | "stripeSetupIntentId"
    | "setupIntentStatus"
    | "stripePaymentMethodId"
    | "paymentMethodAttached"
    | "stripeMandateId"
    | "mandateStatus"
    | "failureCode"
    | "failureMessage"
    | "revokedAt"
  >
>;

/**
 * The authorization locked for update, then its account's status (which the state depends on),
 * read after the lock: a status committed while we waited for the row is the one we see.
 */
async function lockAuthorization(tx: Tx, id: string) {
  const [row] = await tx.$queryRaw<PaymentAuthorization[]>`SELECT * FROM "PaymentAuthorization" WHERE id = ${id} FOR UPDATE`;
  if (!row) return null;
  const account = await tx.linkedAccount.findUniqueOrThrow({ where: { id: row.linkedAccountId }, select: { status: true } });
  return { ...row, accountStatus: account.status as AccountStatus };
}

/**
 * Stores what Stripe said of an authorization (read at `fetchedAt`; null for our own changes,
 * like a revocation) and the state derived from it, under the row's lock. A read older than
 * the one already stored changes nothing, so events in any order and duplicates end in
 * Stripe's newest state. Entering or leaving "active" is announced to the integration.
 */
export async function applyPaymentChanges(tx: Tx, id: string, changes: AuthorizationChanges, fetchedAt: Date | null): Promise<PaymentAuthorization | null> {
  const current = await lockAuthorization(tx, id);
  if (!current) return null;
  if (fetchedAt && current.syncedAt > fetchedAt) return current;
  const merged = { ...current, ...changes };
  const { state, reason } = derivePaymentState({ ...merged, accountStatus: current.accountStatus });
  const updated = await tx.paymentAuthorization.update({
    where: { id },
    data: { ...changes, state, stateReason: reason, ...(fetchedAt && { syncedAt: fetchedAt }) },
  });
  await announceStateChange(tx, current, updated);
  return updated;
}

/**
 * The account's status changed (deactivated, reactivated, disconnected): its live authorizations'
 * states follow without a Stripe read; a reactivated account whose mandate is still active is
 * ready for payments again.
 */
export async function followAccountStatus(tx: Tx, accountIds: string | string[]): Promise<void> {
  const live = await tx.paymentAuthorization.findMany({
    where: { linkedAccountId: { in: typeof accountIds === "string" ? [accountIds] : accountIds }, state: { in: ["pending", "active", "inactive"] } },
    select: { id: true },
  });
  for (const { id } of live) await applyPaymentChanges(tx, id, {}, null);
}

async function announceStateChange(tx: Tx, before: PaymentAuthorization, after: PaymentAuthorization): Promise<void> {
  if (before.state === after.state) return;
  if (after.state === "active") await emitAccountEvents(tx, [after.linkedAccountId], ["account.payment_method_ready"]);
  else if (before.state === "active") await emitAccountEvents(tx, [after.linkedAccountId], ["account.payment_method_inactive"]);
}
