import { describe, expect, it } from "vitest";
import { paymentEligibility } from "./eligibility";
import { derivePaymentState, type PaymentFacts } from "./payment-state";

const ready: PaymentFacts = { setupIntentStatus: "succeeded", mandateStatus: "active", paymentMethodAttached: true, failureCode: null, revokedAt: null, accountStatus: "active" };

describe("derivePaymentState", () => {
  it("is active only when the setup succeeded, the mandate is active, the method attached and the account shared", () => {
    expect(derivePaymentState(ready)).toEqual({ state: "active", reason: null });
  });

  it.each([
    [{ setupIntentStatus: null }, "pending", "setup_processing"],
    [{ setupIntentStatus: "processing" }, "pending", "setup_processing"],
    [{ setupIntentStatus: "requires_action" }, "pending", "setup_processing"],
    [{ setupIntentStatus: null, failureCode: "payment_method_invalid_parameter" }, "failed", "setup_failed"],
    [{ setupIntentStatus: "requires_payment_method", failureCode: "bank_account_unusable" }, "failed", "setup_failed"],
    [{ setupIntentStatus: "canceled" }, "failed", "setup_canceled"],
    [{ mandateStatus: "pending" }, "pending", "mandate_pending"],
    [{ mandateStatus: "inactive" }, "inactive", "mandate_inactive"],
    [{ paymentMethodAttached: false }, "inactive", "payment_method_detached"],
    [{ accountStatus: "inactive" }, "inactive", "account_inactive"],
    [{ accountStatus: "disconnected" }, "inactive", "account_disconnected"],
    [{ revokedAt: new Date(), mandateStatus: "active" }, "revoked", "revoked"],
  ] as const)("%o → %s (%s)", (change, state, reason) => {
    expect(derivePaymentState({ ...ready, ...change })).toEqual({ state, reason });
  });

  it("says revoked whatever Stripe says afterwards, and names the mandate before the account", () => {
    expect(derivePaymentState({ ...ready, revokedAt: new Date(), setupIntentStatus: "canceled" }).state).toBe("revoked");
    expect(derivePaymentState({ ...ready, mandateStatus: "inactive", accountStatus: "disconnected" }).reason).toBe("mandate_inactive");
  });
});

describe("paymentEligibility", () => {
  const checking = { status: "active", category: "cash", subcategory: "checking", permissions: ["payment_method", "balances"], supportedPaymentMethodTypes: ["link", "us_bank_account"] };

  it("offers an active checking or savings account whose numbers were shared and that Stripe can debit", () => {
    expect(paymentEligibility(checking)).toEqual({ eligible: true });
    expect(paymentEligibility({ ...checking, subcategory: "savings" })).toEqual({ eligible: true });
  });

  it.each([
    [{ status: "disconnected" }, "account_disconnected"],
    [{ status: "inactive" }, "account_inactive"],
    [{ category: "credit", subcategory: "credit_card" }, "not_a_bank_account"],
    [{ subcategory: "other" }, "not_a_bank_account"],
    [{ permissions: ["balances"] }, "no_account_numbers"],
    [{ supportedPaymentMethodTypes: ["link"] }, "not_supported"],
  ])("refuses %o with %s and a reason in words", (change, code) => {
    const result = paymentEligibility({ ...checking, ...change });
    expect(result).toMatchObject({ eligible: false, code });
    expect(result.eligible || result.reason.length > 20).toBe(true);
  });
});
