import { accountName, maskedLast4 } from "@/lib/format/account-title";
import { humanize } from "@/lib/format/words";

type Named = { displayName: string | null; category: string; subcategory: string; last4: string | null };

/** The account's name with its masked number in a quieter weight, e.g. "Checking •••• 6789". */
export function AccountName({ account }: { account: Named }) {
  return (
    <>
      {accountName(account)} <span className="font-normal text-slate-500">{maskedLast4(account.last4)}</span>
    </>
  );
}

/** The account's kind, e.g. "Cash · Checking". */
export function accountKind(account: Pick<Named, "category" | "subcategory">): string {
  return `${humanize(account.category)} · ${humanize(account.subcategory)}`;
}
