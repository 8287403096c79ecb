import { formatDistanceToNowStrict } from "date-fns";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccountActions } from "@/components/accounts/account-actions";
import { AccountName, accountKind } from "@/components/accounts/account-name";
import { PendingRefreshWatcher } from "@/components/accounts/pending-refresh-watcher";
import { StatusBadge } from "@/components/ui/badge";
import { TransactionsSection } from "@/components/accounts/transactions-section";
import { LinkBankAccount } from "@/components/linking/link-bank-account";
import { OwnershipVerdictPanel } from "@/components/ownership/ownership-verdict";
import { BalanceChart } from "@/components/accounts/balance-chart";
import { PaymentsCard } from "@/components/payments/payments-card";
import { latestPaymentAuthorization } from "@/server/payments/get-payment-authorization";
import { getBalanceHistory, toPlainBalanceHistory } from "@/server/balance-history/get-balance-history";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { getUserAccount } from "@/server/accounts/get-account-detail";
import { requireUser } from "@/server/auth/guards";
import { formatMoney } from "@/lib/format/money";
import { maskEmail, maskPhone } from "@/lib/format/mask";
import { stripeBrowserConfig } from "@/server/stripe/browser-config";

export const metadata: Metadata = { title: "Account" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
};

const ago = (d: Date | null) => (d ? formatDistanceToNowStrict(d, { addSuffix: true }) : null);

export default async function AccountPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireUser(`/accounts/${id}`);
  const account = await getUserAccount(user.id, id);
  if (!account) notFound();
  const shared = {
    balance: account.permissions.includes("balances"),
    ownership: account.permissions.includes("ownership"),
    transactions: account.permissions.includes("transactions"),
  };
  const stripeConfig = stripeBrowserConfig();
  const pending = [account.balanceRefreshStatus, account.ownershipRefreshStatus, account.transactionRefreshStatus].includes("pending");

  return (
    <div className="space-y-6">
      <PendingRefreshWatcher accountIds={pending ? [account.id] : []} />
      <Link href="/accounts" className="text-sm text-slate-600 hover:text-slate-900">
        ← All accounts
      </Link>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <p className="text-sm text-slate-500">{account.institutionName}</p>
          <h1 className="text-2xl font-bold tracking-tight">
            <AccountName account={account} />
          </h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <StatusBadge status={account.status} />
            <span>{accountKind(account)}</span>
          </div>
        </div>
        <AccountActions
          accountId={account.id}
          status={account.status}
          shared={shared}
          refreshes={{ balance: account.balanceRefreshStatus, ownership: account.ownershipRefreshStatus, transactions: account.transactionRefreshStatus }}
        />
      </div>

      {account.replacedBy && (
        <Alert tone="info" role="note" className="ring-0">
          You linked this bank account again; <Link className="font-semibold underline" href={`/accounts/${account.replacedBy.id}`}>see the newer link</Link>.
        </Alert>
      )}
      {account.status === "inactive" && (
        <Card className="flex flex-col gap-3 bg-amber-50 ring-amber-200 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <h2 className="font-semibold text-amber-900">This account needs to be relinked</h2>
            <p className="text-sm text-amber-900/80">Your bank stopped sharing it. Relink it to see fresh balances and transactions.</p>
          </div>
          {stripeConfig && <LinkBankAccount stripeConfig={stripeConfig} label="Relink account" />}
        </Card>
      )}
      {account.expectedDeactivationAt && account.status === "active" && (
        <Alert tone="warning">
          Your bank will stop sharing this account on {account.expectedDeactivationAt.toLocaleDateString("en-US", { dateStyle: "long" })}.
        </Alert>
      )}

      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="text-sm font-semibold uppercase tracking-wider text-slate-500">Balance</h2>
          {!shared.balance ? (
            <p className="mt-3 text-sm text-slate-500">Not shared</p>
          ) : account.balanceCurrent === null ? (
            <p className="mt-3 text-sm text-slate-500">No balance yet. {account.balanceRefreshStatus === "pending" ? "Your bank is answering…" : "Refresh it to fetch one."}</p>
          ) : (
            <dl className="mt-3 space-y-2">
              <div>
                <dt className="sr-only">Current balance</dt>
                <dd className="text-3xl font-semibold tabular-nums" data-testid="detail-balance">
                  {formatMoney(account.balanceCurrent, account.balanceCurrency)}
                </dd>
              </div>
              {account.balanceAvailable !== null && (
                <div className="flex gap-2 text-sm text-slate-600">
                  <dt>Available</dt>
                  <dd className="tabular-nums">{formatMoney(account.balanceAvailable, account.balanceCurrency)}</dd>
                </div>
              )}
              {account.balanceCreditUsed !== null && (
                <div className="flex gap-2 text-sm text-slate-600">
                  <dt>Credit used</dt>
                  <dd className="tabular-nums">{formatMoney(account.balanceCreditUsed, account.balanceCurrency)}</dd>
                </div>
              )}
              <p className="text-xs text-slate-500">As of {ago(account.balanceAsOf) ?? "unknown"}</p>
            </dl>
          )}
        </Card>
        <Card>
          <h2 className="text-sm font-semibold uppercase tracking-wider text-slate-500">Ownership</h2>
          {!shared.ownership ? (
            <p className="mt-3 text-sm text-slate-500">Not shared</p>
          ) : account.owners.length === 0 ? (
            <p className="mt-3 text-sm text-slate-500">
              {account.ownershipRefreshStatus === "pending" ? "Asking your bank who owns this account…" : "No ownership details yet."}
            </p>
          ) : (
            <ul className="mt-3 divide-y divide-slate-100" data-testid="owners">
              {account.owners.map((owner) => (
                <li key={owner.id} className="py-2">
                  <p className="font-medium">{owner.name}</p>
                  <p className="text-sm text-slate-500">{[maskEmail(owner.email), maskPhone(owner.phone)].filter(Boolean).join(" · ") || "No contact details"}</p>
                </li>
              ))}
            </ul>
          )}
          {shared.ownership && (
            <OwnershipVerdictPanel verdict={account.ownershipVerdict} score={account.ownershipScore} match={account.ownershipMatch} matchedAt={account.ownershipMatchedAt} />
          )}
        </Card>
      </div>

      <PaymentsCard account={account} authorization={await latestPaymentAuthorization(account.id)} />

      {shared.balance && (
        <Card>
          <h2 className="text-sm font-semibold uppercase tracking-wider text-slate-500">Balance, last 90 days</h2>
          <div className="mt-3">
            <BalanceChart {...toPlainBalanceHistory(await getBalanceHistory(account.id))} />
          </div>
        </Card>
      )}

      {shared.transactions ? (
        <TransactionsSection accountId={account.id} searchParams={await searchParams} pending={account.transactionRefreshStatus === "pending"} />
      ) : (
        <Card>
          <h2 className="text-sm font-semibold uppercase tracking-wider text-slate-500">Transactions</h2>
          <p className="mt-3 text-sm text-slate-500">Not shared</p>
        </Card>
      )}
    </div>
  );
}
