import { formatDistanceToNowStrict } from "date-fns";
import Link from "next/link";
import { formatMoney } from "@/lib/format/money";
import type { UserAccount } from "@/server/accounts/list-accounts";
import { AccountName, accountKind } from "@/components/accounts/account-name";
import { Alert } from "@/components/ui/alert";
import { StatusBadge } from "@/components/ui/badge";
import { BalanceTrend } from "@/components/accounts/balance-trend";
import type { BalanceTrend as BalanceTrendData } from "@/server/balance-history/get-balance-trends";

export function AccountCard({ account, trend, payable = false }: { account: UserAccount; trend?: BalanceTrendData; payable?: boolean }) {
  const sharesBalance = account.permissions.includes("balances");
  return (
    <li>
      <Link
        href={`/accounts/${account.id}`}
        data-testid="account-card"
        className="block rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 transition hover:ring-brand-600/40 focus-visible:ring-2"
      >
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="truncate text-sm text-slate-500">{account.institutionName}</p>
            <p className="truncate font-semibold text-slate-900">
              <AccountName account={account} />
            </p>
            <p className="mt-0.5 text-xs text-slate-500">
              {accountKind(account)}
              {payable && (
                <span className="ml-2 font-medium text-emerald-700" data-testid="card-payments-ready">
                  · Ready for payments
                </span>
              )}
            </p>
          </div>
          <StatusBadge status={account.status} />
        </div>
        <div className="mt-4 flex items-end justify-between gap-3">
          {sharesBalance ? (
            <div>
              <p className="text-2xl font-semibold tabular-nums" data-testid="balance-current">
                {formatMoney(account.balanceCurrent, account.balanceCurrency)}
              </p>
              <p className="text-xs text-slate-500">
                {account.balanceAvailable !== null && <>Available {formatMoney(account.balanceAvailable, account.balanceCurrency)} · </>}
                {account.balanceAsOf
                  ? `as of ${formatDistanceToNowStrict(account.balanceAsOf, { addSuffix: true })}`
                  : account.balanceRefreshStatus === "pending"
                    ? "fetching balance…"
                    : "no balance yet"}
              </p>
            </div>
          ) : (
            <p className="text-sm text-slate-500">Balance not shared</p>
          )}
          {trend ? <BalanceTrend currency={trend.currency} points={trend.points} /> : <span aria-hidden className="text-slate-400">→</span>}
        </div>
        {(account.ownershipVerdict === "unconfirmed" || account.ownershipVerdict === "partial") && (
          <p className="mt-3 text-xs font-medium text-amber-800" data-testid="card-ownership-warning">
            <span aria-hidden>⚠ </span>
            {account.ownershipVerdict === "unconfirmed" ? "We could not confirm you own this account" : "Ownership only partly confirmed"}
          </p>
        )}
        {account.expectedDeactivationAt && account.status === "active" && (
          <Alert tone="warning" role="note" className="mt-3 px-3 py-2 text-xs">
            Your bank will stop sharing this account on {account.expectedDeactivationAt.toLocaleDateString("en-US", { dateStyle: "medium" })}. Relink it to keep it up to date.
          </Alert>
        )}
      </Link>
    </li>
  );
}
