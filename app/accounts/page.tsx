import type { Metadata } from "next";
import { AccountCard } from "@/components/accounts/account-card";
import { PendingRefreshWatcher } from "@/components/accounts/pending-refresh-watcher";
import { LinkBankAccount } from "@/components/linking/link-bank-account";
import { Card } from "@/components/ui/card";
import { IconBadge } from "@/components/ui/icon-badge";
import { listUserAccounts } from "@/server/accounts/list-accounts";
import { getBalanceTrends } from "@/server/balance-history/get-balance-trends";
import { accountsReadyForPayments } from "@/server/payments/get-payment-authorization";
import { requireUser } from "@/server/auth/guards";
import { stripeBrowserConfig } from "@/server/stripe/browser-config";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage() {
  const user = await requireUser("/accounts");
  const [{ live, disconnected }, stripeConfig] = [await listUserAccounts(user.id), stripeBrowserConfig()];
  const [trends, payable] = await Promise.all([
    getBalanceTrends(live.filter((a) => a.permissions.includes("balances")).map((a) => a.id)),
    accountsReadyForPayments(live.map((a) => a.id)),
  ]);
  const linkButton = stripeConfig ? (
    <LinkBankAccount stripeConfig={stripeConfig} />
  ) : (
    <p className="text-sm text-slate-500">Bank linking is not configured on this server.</p>
  );

  const pending = live.filter((a) => [a.balanceRefreshStatus, a.ownershipRefreshStatus, a.transactionRefreshStatus].includes("pending"));

  return (
    <div className="space-y-8">
      <PendingRefreshWatcher accountIds={pending.map((a) => a.id)} />
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Your bank accounts</h1>
          <p className="mt-1 text-sm text-slate-600">Signed in as {user.email}</p>
        </div>
        {/* One button in one place: its outcome message must survive the list replacing the empty state. */}
        {linkButton}
      </div>

      {live.length === 0 && disconnected.length === 0 ? (
        <Card className="py-12 text-center">
          <IconBadge icon="bank" />
          <h2 className="mt-4 text-lg font-semibold">No bank accounts linked yet</h2>
          <p className="mx-auto mt-2 max-w-sm text-sm text-slate-600">
            Use <strong>Link a bank account</strong> to see balances, transactions and owners here. It takes about a
            minute, and your bank login goes straight to your bank through Stripe.
          </p>
        </Card>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Linked accounts">
          {live.map((account) => (
            <AccountCard key={account.id} account={account} trend={trends.get(account.id)} payable={payable.has(account.id)} />
          ))}
        </ul>
      )}

      {disconnected.length > 0 && (
        <section aria-labelledby="disconnected-heading" className="space-y-3">
          <h2 id="disconnected-heading" className="text-sm font-semibold uppercase tracking-wider text-slate-500">
            Disconnected
          </h2>
          <ul className="grid gap-4 opacity-80 sm:grid-cols-2 lg:grid-cols-3">
            {disconnected.map((account) => (
              <AccountCard key={account.id} account={account} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
