import "server-only";
import type Stripe from "stripe";

type FcAccount = Stripe.FinancialConnections.Account;
type Refresh = { status: string; last_attempted_at: number; next_refresh_available_at: number | null } | null;
type RefreshStatus = "pending" | "succeeded" | "failed";
type AccountStatus = "active" | "inactive" | "disconnected";

const REFRESH_STATUSES: readonly string[] = ["pending", "succeeded", "failed"];

// Stripe's types leave room for values added later; anything we do not know is stored as unknown (null).
const refreshStatus = (status: string | undefined) =>
  status && REFRESH_STATUSES.includes(status) ? (status as RefreshStatus) : null;

const toDate = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);

function refreshFields(refresh: Refresh) {
  return {
    status: refreshStatus(refresh?.status),
    attemptedAt: toDate(refresh?.last_attempted_at),
    nextAt: toDate(refresh?.next_refresh_available_at),
  };
}

/**
 * Stripe balances are integer minor units keyed by currency; we keep the first currency
 * (Financial Connections accounts hold one) as BigInt cents, never a float.
 */
function balanceFields(balance: FcAccount["balance"]) {
  const [currency, current] = Object.entries(balance?.current ?? {})[0] ?? [];
  const available = currency ? balance?.cash?.available?.[currency] : undefined;
  const used = currency ? balance?.credit?.used?.[currency] : undefined;
  return {
    balanceCurrency: currency ?? null,
    balanceCurrent: current === undefined ? null : BigInt(current),
    balanceAvailable: available === undefined || available === null ? null : BigInt(available),
    balanceCreditUsed: used === undefined || used === null ? null : BigInt(used),
    balanceType: balance?.type ?? null,
    balanceAsOf: toDate(balance?.as_of),
  };
}

/** The columns of a LinkedAccount that come from Stripe's account object. */
export function accountFieldsFromStripe(account: FcAccount) {
  return {
    institutionName: account.institution_name,
    displayName: account.display_name ?? null,
    last4: account.last4 ?? null,
    category: account.category,
    subcategory: account.subcategory,
    status: account.status as AccountStatus,
    permissions: account.permissions ?? [],
    supportedPaymentMethodTypes: account.supported_payment_method_types ?? [],
    subscriptions: account.subscriptions ?? [],
    ownershipId: typeof account.ownership === "string" ? account.ownership : (account.ownership?.id ?? null),
    stripeCreatedAt: new Date(account.created * 1000),
    disconnectedAt: account.status === "disconnected" ? new Date() : null,
    expectedDeactivationAt: expectedDeactivation(account),
    ...balanceFields(account.balance),
    ...prefixed("balance", refreshFields(account.balance_refresh)),
    ...prefixed("ownership", refreshFields(account.ownership_refresh)),
    ...prefixed("transaction", refreshFields(account.transaction_refresh)),
  };
}

/**
 * When the bank is expected to cut access: Stripe reports it on an active account under
 * `status_details.active`. Only an account that is not active (access already gone) or one
 * whose `status_details` came without it says "no date"; an object without `status_details`
 * at all says nothing (undefined leaves the stored value as it is).
 */
function expectedDeactivation(account: FcAccount): Date | null | undefined {
  if (account.status !== "active") return null;
  if (account.status_details === undefined) return undefined;
  return toDate(account.status_details?.active?.expected_deactivation_date);
}

function prefixed<P extends string>(prefix: P, r: ReturnType<typeof refreshFields>) {
  return {
    [`${prefix}RefreshStatus`]: r.status,
    [`${prefix}RefreshAttemptedAt`]: r.attemptedAt,
    [`${prefix}RefreshNextAt`]: r.nextAt,
  } as { [K in `${P}RefreshStatus`]: RefreshStatus | null } & { [K in `${P}RefreshAttemptedAt` | `${P}RefreshNextAt`]: Date | null };
}
