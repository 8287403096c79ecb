import Link from "next/link";
import { StatusBadge } from "@/components/ui/badge";
import { PaymentStateBadge } from "@/components/payments/payment-state-badge";
import { Td } from "@/components/ui/table";
import { accountTitle } from "@/lib/format/account-title";
import { humanize } from "@/lib/format/words";
import type { PaymentState } from "@/lib/payments/payment-state";

// The cells every admin account list shows the same way.

export function AccountLink({ account }: { account: { id: string; displayName: string | null; subcategory: string; last4: string | null } }) {
  return (
    <Link href={`/admin/accounts/${account.id}`} className="font-medium text-brand-700 hover:underline">
      {accountTitle(account)}
    </Link>
  );
}

export function UserLink({ id, email }: { id: string; email: string | null }) {
  return (
    <Link href={`/admin/users/${id}`} className="text-slate-700 hover:underline">
      {email ?? id}
    </Link>
  );
}

/** The account's state, and a note when a newer link of the same bank account replaced it. */
export function AccountStatus({ status, replaced }: { status: string; replaced?: boolean }) {
  return (
    <>
      <StatusBadge status={status} />
      {replaced && <div className="mt-1 text-xs text-slate-500">relinked</div>}
    </>
  );
}

/** The state of the account's newest payment authorization, or a dash when it was never authorized. */
export function PaymentsCell({ state }: { state: PaymentState | null | undefined }) {
  if (!state) return <span className="text-xs text-slate-400">—</span>;
  return <PaymentStateBadge state={state} />;
}

type AccountRow = {
  id: string;
  displayName: string | null;
  /** Given, the kind of account shows under its title. */
  category?: string;
  subcategory: string;
  last4: string | null;
  institutionName: string;
  status: string;
  userId: string;
  replacedById?: string | null;
  user: { email: string | null };
};

/** The Account, User, Institution and Status cells of an admin account list, in that order. */
export function AccountCells({ row }: { row: AccountRow }) {
  return (
    <>
      <Td>
        <AccountLink account={row} />
        {row.category && (
          <div className="text-xs text-slate-500">
            {humanize(row.category)} · {humanize(row.subcategory)}
          </div>
        )}
      </Td>
      <Td>
        <UserLink id={row.userId} email={row.user.email} />
      </Td>
      <Td className="whitespace-nowrap">{row.institutionName}</Td>
      <Td>
        <AccountStatus status={row.status} replaced={Boolean(row.replacedById)} />
      </Td>
    </>
  );
}
