import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/admin/audit-table";
import { StatusBadge } from "@/components/ui/badge";
import { DisconnectForm } from "@/components/admin/disconnect-form";
import { EmptyState } from "@/components/ui/empty-state";
import { Facts, Mono, PageHeader, SectionTitle, TitledSection } from "@/components/ui/page-header";
import { OwnershipMatchSection } from "@/components/ownership/ownership-match-section";
import { PaymentsSection } from "@/components/admin/payments-section";
import { RefreshButtons } from "@/components/admin/refresh-buttons";
import { TableCard, Td } from "@/components/ui/table";
import { Card } from "@/components/ui/card";
import { getAccountDetail } from "@/server/admin/account-detail";
import { formatDateTime, formatMoney } from "@/lib/format/admin";
import { accountTitle } from "@/lib/format/account-title";
import { humanize } from "@/lib/format/words";
import { requireAdmin } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Account · Admin" };

type Props = { params: Promise<{ id: string }> };

export default async function AdminAccountPage({ params }: Props) {
  const { id } = await params;
  await requireAdmin(`/admin/accounts/${encodeURIComponent(id)}`);
  const detail = await getAccountDetail(id);
  if (!detail) notFound();
  const { account, events, audit, stripeCustomerId, transactionCount, revocations } = detail;
  const title = accountTitle(account);
  const active = account.status === "active";
  const refreshes = [
    { feature: "balance" as const, label: "Balance", permission: "balances", status: account.balanceRefreshStatus, at: account.balanceRefreshAttemptedAt, next: account.balanceRefreshNextAt },
    { feature: "ownership" as const, label: "Ownership", permission: "ownership", status: account.ownershipRefreshStatus, at: account.ownershipRefreshAttemptedAt, next: account.ownershipRefreshNextAt },
    { feature: "transactions" as const, label: "Transactions", permission: "transactions", status: account.transactionRefreshStatus, at: account.transactionRefreshAttemptedAt, next: account.transactionRefreshNextAt },
  ];

  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/accounts" className="text-sm text-brand-700 hover:underline">
          ← Linked accounts
        </Link>
      </div>
      <PageHeader
        title={title}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            {account.institutionName} · {humanize(account.category)} · <StatusBadge status={account.status} />
          </span>
        }
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="space-y-5 lg:col-span-2">
          <SectionTitle>Account</SectionTitle>
          <Facts
            items={[
              {
                label: "Owner",
                value: (
                  <Link href={`/admin/users/${account.user.id}`} className="text-brand-700 hover:underline">
                    {account.user.email ?? account.user.id}
                  </Link>
                ),
              },
              { label: "Balance", value: <span className="tabular-nums">{formatMoney(account.balanceCurrent, account.balanceCurrency)}</span> },
              { label: "Available", value: <span className="tabular-nums">{formatMoney(account.balanceAvailable, account.balanceCurrency)}</span> },
              { label: "Balance as of", value: formatDateTime(account.balanceAsOf) },
              { label: "Stripe account", value: <Mono>{account.stripeAccountId}</Mono> },
              { label: "Stripe customer", value: stripeCustomerId ? <Mono>{stripeCustomerId}</Mono> : "—" },
              { label: "Link session", value: account.linkSession ? <Mono>{account.linkSession.stripeSessionId}</Mono> : "—" },
              { label: "Mode", value: account.mode },
              { label: "Permissions", value: account.permissions.join(", ") || "—" },
              { label: "Subscriptions", value: account.subscriptions.join(", ") || "—" },
              { label: "Linked", value: formatDateTime(account.createdAt) },
              { label: "Created at Stripe", value: formatDateTime(account.stripeCreatedAt) },
              { label: "Last synced", value: formatDateTime(account.syncedAt) },
              { label: "Expected deactivation", value: formatDateTime(account.expectedDeactivationAt) },
              { label: "Disconnected", value: formatDateTime(account.disconnectedAt) },
              { label: "Stored transactions", value: transactionCount.toLocaleString("en-US") },
              {
                label: "Relink",
                value: account.replacedBy ? (
                  <Link href={`/admin/accounts/${account.replacedBy.id}`} className="text-brand-700 hover:underline">
                    Replaced by a newer link
                  </Link>
                ) : account.replaces.length ? (
                  <span>
                    Replaces{" "}
                    {account.replaces.map((r, i) => (
                      <Link key={r.id} href={`/admin/accounts/${r.id}`} className="text-brand-700 hover:underline">
                        {i ? ", " : ""}an earlier link
                      </Link>
                    ))}
                  </span>
                ) : (
                  "—"
                ),
              },
            ]}
          />
        </Card>

        <div className="space-y-6">
          <Card className="space-y-4">
            <SectionTitle>Actions</SectionTitle>
            <RefreshButtons
              accountId={account.id}
              features={refreshes.map((r) => ({ feature: r.feature, label: r.label, allowed: active && account.permissions.includes(r.permission) }))}
            />
            <div className="border-t border-slate-100 pt-4">
              <DisconnectForm accountId={account.id} disconnected={account.status === "disconnected"} />
            </div>
          </Card>
          <Card className="space-y-3">
            <SectionTitle>Refreshes</SectionTitle>
            <ul className="divide-y divide-slate-100">
              {refreshes.map((r) => (
                <li key={r.feature} className="flex items-start justify-between gap-3 py-2 text-sm">
                  <div>
                    <p className="font-medium">{r.label}</p>
                    <p className="text-xs text-slate-500">Last attempt {formatDateTime(r.at)}</p>
                    {r.next && <p className="text-xs text-slate-500">Next allowed {formatDateTime(r.next)}</p>}
                  </div>
                  {r.status ? <StatusBadge status={r.status} /> : <span className="text-xs text-slate-500">never</span>}
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>

      {account.ownershipVerdict && <OwnershipMatchSection account={account} />}

      <PaymentsSection accountId={account.id} authorizations={account.paymentAuthorizations} revocations={revocations} />

      {account.owners.length > 0 && (
        <TitledSection id="owners" title="Owners reported by the bank" count={account.owners.length}>
          <TableCard
            caption="Account owners"
            columns={["Name", "Email", "Phone", "Address"]}
          >
            {account.owners.map((o) => (
              <tr key={o.id}>
                <Td>{o.name}</Td>
                <Td>{o.email ?? "—"}</Td>
                <Td>{o.phone ?? "—"}</Td>
                <Td>{o.rawAddress ?? "—"}</Td>
              </tr>
            ))}
          </TableCard>
        </TitledSection>
      )}

      <TitledSection id="history" title="Status history" count={account.statusChanges.length}>
        <TableCard
          caption="Status history"
          columns={["When", "Change", "By", "Reason"]}
          empty={account.statusChanges.length === 0 && <EmptyState title="No status changes recorded" />}
        >
          {account.statusChanges.map((c) => (
            <tr key={c.id}>
              <Td className="whitespace-nowrap text-slate-600">{formatDateTime(c.createdAt)}</Td>
              <Td className="whitespace-nowrap">
                {c.fromStatus ? <StatusBadge status={c.fromStatus} /> : <span className="text-slate-500">new</span>} →{" "}
                <StatusBadge status={c.toStatus} />
              </Td>
              <Td>{humanize(c.source)}</Td>
              <Td className="max-w-md break-words">{c.reason ?? "—"}</Td>
            </tr>
          ))}
        </TableCard>
      </TitledSection>

      <TitledSection id="audit" title="Audit entries" count={audit.length}>
        <AuditTable entries={audit} caption="Audit entries for this account" />
      </TitledSection>

      <section className="space-y-3" aria-labelledby="events">
        <div id="events" className="flex items-baseline justify-between gap-3">
          <SectionTitle count={events.length}>Stripe events</SectionTitle>
          <Link href={`/admin/webhooks?object=${account.stripeAccountId}`} className="text-sm text-brand-700 hover:underline">
            All events for this account
          </Link>
        </div>
        <TableCard
          caption="Stripe events about this account"
          columns={["Created at Stripe", "Type", "State", "Attempts"]}
          empty={events.length === 0 && <EmptyState title="No Stripe events stored for this account" />}
        >
          {events.map((e) => (
            <tr key={e.id}>
              <Td className="whitespace-nowrap text-slate-600">{formatDateTime(e.stripeCreated)}</Td>
              <Td>
                <Link href={`/admin/webhooks/${e.id}`} className="font-mono text-xs text-brand-700 hover:underline">
                  {e.type}
                </Link>
              </Td>
              <Td>
                <StatusBadge status={e.state} />
              </Td>
              <Td className="tabular-nums">{e.attempts}</Td>
            </tr>
          ))}
        </TableCard>
      </section>

      {account.linkSession && (
        <Card className="space-y-4">
          <SectionTitle>Link session</SectionTitle>
          <Facts
            items={[
              { label: "Stripe session", value: <Mono>{account.linkSession.stripeSessionId}</Mono> },
              { label: "Status", value: <StatusBadge status={account.linkSession.status} /> },
              { label: "Accounts linked", value: account.linkSession.accountCount },
              { label: "Permissions asked", value: account.linkSession.requestedPermissions.join(", ") || "—" },
              { label: "Started", value: formatDateTime(account.linkSession.createdAt) },
              { label: "Completed", value: formatDateTime(account.linkSession.completedAt) },
              { label: "Error", value: account.linkSession.errorMessage ?? "—" },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
