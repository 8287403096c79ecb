import { humanize } from "./words";

type Titled = { displayName: string | null; subcategory: string; last4: string | null };

/** What a person calls the account: its name (or kind), e.g. "Checking". Browser-safe. */
export function accountName(account: Pick<Titled, "displayName" | "subcategory">): string {
  return account.displayName ?? humanize(account.subcategory);
}

/** The masked number shown beside the name, e.g. "•••• 6789", or "" when the bank gave none. */
export function maskedLast4(last4: string | null): string {
  return last4 ? `•••• ${last4}` : "";
}

/** The account's one-line title, e.g. "Checking •••• 6789". */
export function accountTitle(account: Titled): string {
  return [accountName(account), maskedLast4(account.last4)].filter(Boolean).join(" ");
}
