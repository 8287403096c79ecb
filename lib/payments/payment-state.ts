// An ACH debit authorization's state, from what Stripe says of its SetupIntent, mandate and
// PaymentMethod and from the linked account's own status. One pure function, so the server (on
// every write) and the tests agree on it; labels live beside it for the pages. Browser-safe.

export const PAYMENT_STATES = ["pending", "active", "failed", "inactive", "revoked"] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export type PaymentStateReason =
  | "setup_processing"
  | "setup_failed"
  | "setup_canceled"
  | "mandate_pending"
  | "mandate_inactive"
  | "payment_method_detached"
  | "account_inactive"
  | "account_disconnected"
  | "revoked";

export type PaymentFacts = {
  /** Stripe's SetupIntent status; null before the SetupIntent exists (or was read). */
  setupIntentStatus: string | null;
  mandateStatus: string | null;
  paymentMethodAttached: boolean;
  /** Why Stripe refused or failed the setup; with no SetupIntent status, Stripe refused the request itself. */
  failureCode: string | null;
  revokedAt: Date | null;
  accountStatus: "active" | "inactive" | "disconnected";
};

/**
 * Active only when everything holds at once: the setup succeeded, the mandate is active, the
 * PaymentMethod is still attached and the account is still shared. Revocation is final; a setup
 * that failed or was canceled stays failed; everything else that is not active says why.
 */
export function derivePaymentState(f: PaymentFacts): { state: PaymentState; reason: PaymentStateReason | null } {
  if (f.revokedAt) return { state: "revoked", reason: "revoked" };
  if (f.setupIntentStatus === null && f.failureCode) return { state: "failed", reason: "setup_failed" };
  if (f.setupIntentStatus === "canceled") return { state: "failed", reason: "setup_canceled" };
  if (f.setupIntentStatus === "requires_payment_method") return { state: "failed", reason: "setup_failed" };
  if (f.setupIntentStatus !== "succeeded") return { state: "pending", reason: "setup_processing" };
  if (f.mandateStatus === "inactive") return { state: "inactive", reason: "mandate_inactive" };
  if (!f.paymentMethodAttached) return { state: "inactive", reason: "payment_method_detached" };
  if (f.accountStatus === "disconnected") return { state: "inactive", reason: "account_disconnected" };
  if (f.accountStatus === "inactive") return { state: "inactive", reason: "account_inactive" };
  if (f.mandateStatus !== "active") return { state: "pending", reason: "mandate_pending" };
  return { state: "active", reason: null };
}

export const PAYMENT_STATE_LABELS: Record<PaymentState, string> = {
  pending: "Setting up",
  active: "Ready for payments",
  failed: "Setup failed",
  inactive: "Payments stopped",
  revoked: "Revoked",
};

/** The reason in words, as the person and the admin read it. */
export const PAYMENT_REASON_TEXT: Record<PaymentStateReason, string> = {
  setup_processing: "Stripe is still setting up payments from this account.",
  setup_failed: "Your bank did not accept the setup.",
  setup_canceled: "The setup was canceled.",
  mandate_pending: "The debit authorization is waiting to become active.",
  mandate_inactive: "The debit authorization is no longer active.",
  payment_method_detached: "The payment method was removed.",
  account_inactive: "Your bank stopped sharing this account. Relink it to pay from it again.",
  account_disconnected: "This account was disconnected.",
  revoked: "You revoked the debit authorization.",
};
