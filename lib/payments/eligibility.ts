// Whether a linked account can become an ACH payment method, and if not, why in words.
// Stripe can only debit a checking or savings account whose numbers the person shared (the
// `payment_method` permission) and which it lists as `us_bank_account`-capable. Browser-safe.

export type PaymentEligibilityInput = {
  status: string;
  category: string;
  subcategory: string;
  permissions: string[];
  supportedPaymentMethodTypes: string[];
};

export type PaymentEligibility =
  | { eligible: true }
  | { eligible: false; code: "account_inactive" | "account_disconnected" | "not_a_bank_account" | "no_account_numbers" | "not_supported"; reason: string };

export function paymentEligibility(a: PaymentEligibilityInput): PaymentEligibility {
  if (a.status === "disconnected") return { eligible: false, code: "account_disconnected", reason: "This account is disconnected. Link it again to pay from it." };
  if (a.status !== "active") return { eligible: false, code: "account_inactive", reason: "Your bank stopped sharing this account. Relink it to pay from it." };
  if (a.category !== "cash" || !["checking", "savings"].includes(a.subcategory))
    return { eligible: false, code: "not_a_bank_account", reason: "Only checking and savings accounts can be used for payments." };
  if (!a.permissions.includes("payment_method"))
    return { eligible: false, code: "no_account_numbers", reason: "You did not share this account's numbers. Relink it and allow account and routing numbers to pay from it." };
  if (!a.supportedPaymentMethodTypes.includes("us_bank_account"))
    return { eligible: false, code: "not_supported", reason: "Your bank does not support payments by ACH debit from this account." };
  return { eligible: true };
}
