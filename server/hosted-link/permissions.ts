// What each Financial Connections permission shares, in the words the hosted page uses, and
// what an integrator receives (exactly the account fields of GET /api/link-sessions/<id>).
export const PERMISSIONS = ["balances", "ownership", "payment_method", "transactions"] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What Linkwell reads from the bank through Stripe with each permission (kept by Linkwell). */
export const PERMISSION_LABELS: Record<Permission, { title: string; detail: string }> = {
  balances: { title: "Account balances", detail: "Current and available balances" },
  ownership: { title: "Account ownership", detail: "Names and addresses of the account holders" },
  payment_method: { title: "Account and routing numbers", detail: "So payments can be made from this account" },
  transactions: { title: "Transactions", detail: "The transaction history your bank shares" },
};

/**
 * Everything an integrator can read about a linked account, one line per group of API fields.
 * A test holds this to the API's account object, so the page cannot promise more or less.
 */
export const INTEGRATOR_RECEIVES: { text: string; fields: string[] }[] = [
  { text: "The bank's name, and the account's name and type (like Checking)", fields: ["institution_name", "display_name", "category", "subcategory"] },
  { text: "The last 4 digits of the account number", fields: ["last4"] },
  { text: "Whether it can be used for bank payments, and whether it is still connected", fields: ["supported_payment_method_types", "status"] },
  { text: "What you allowed below, and an id for the account", fields: ["permissions", "id"] },
];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
