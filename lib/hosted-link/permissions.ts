// What each Financial Connections permission shares, in the words the hosted page uses.
export const PERMISSIONS = ["balances", "ownership", "payment_method", "transactions"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, { title: string; detail: string }> = {
  balances: { title: "Account balances", detail: "Current and available balances" },
  ownership: { title: "Account ownership", detail: "Names and addresses of the account holders" },
  payment_method: { title: "Account and routing numbers", detail: "So payments can be made from this account" },
  transactions: { title: "Transactions", detail: "Up to 180 days of transaction history" },
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
