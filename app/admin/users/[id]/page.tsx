import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Facts, Mono, PageHeader, SectionTitle, TitledSection } from "@/components/ui/page-header";
import { AccountLink, AccountStatus } from "@/components/admin/account-cells";
import { AuditTable } from "@/components/admin/audit-table";
import { RoleForm } from "@/components/admin/role-form";
import { TableCard, Td } from "@/components/ui/table";
import { Card } from "@/components/ui/card";
import { formatDateTime, formatMoney } from "@/lib/format/admin";
import { getUserDetail } from "@/server/users/users";
import { isConfiguredAdmin } from "@/server/auth/roles";
import { requireAdmin } from "@/server/auth/guards";

export const metadata: Metadata = { title: "User · Admin" };

type Props = { params: Promise<{ id: string }> };

export default async function AdminUserPage({ params }: Props) {
  const { id } = await params;
  const admin = await requireAdmin(`/admin/users/${encodeURIComponent(id)}`);
  const detail = await getUserDetail(id);
  if (!detail) notFound();
  const { user, accounts, linkSessions, audit } = detail;

  return (
    <div className="space-y-6">
      <Link href="/admin/users" className="text-sm text-brand-700 hover:underline">
        ← Users
      </Link>
      <PageHeader title={user.email ?? user.id} description={user.name ?? undefined} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="space-y-4 lg:col-span-2">
          <SectionTitle>Profile</SectionTitle>
          <Facts
            items={[
              { label: "User id", value: <Mono>{user.id}</Mono> },
              { label: "Role", value: <StatusBadge status={user.role} /> },
              { label: "Joined", value: formatDateTime(user.createdAt) },
              { label: "Email verified", value: formatDateTime(user.emailVerified) },
              {
                label: "Stripe customers",
                value: user.stripeCustomers.length
                  ? user.stripeCustomers.map((c) => (
                      <span key={c.stripeCustomerId} className="block">
                        <Mono>{c.stripeCustomerId}</Mono> <span className="text-xs text-slate-500">({c.mode})</span>
                      </span>
                    ))
                  : "—",
              },
            ]}
          />
        </Card>
        <Card className="space-y-3">
          <SectionTitle>Role</SectionTitle>
          <p className="text-sm text-slate-600">
            {user.role === "admin" ? "Admins can see and act on every account." : "Users see only their own accounts."}
          </p>
          <RoleForm userId={user.id} role={user.role} isSelf={user.id === admin.id} configuredAdmin={isConfiguredAdmin(user.email)} />
        </Card>
      </div>

      <TitledSection id="user-accounts" title="Linked accounts" count={accounts.length}>
        <TableCard
          caption="This user's linked accounts"
          columns={["Account", "Institution", "Status", { label: "Balance", className: "text-right" }, "Linked"]}
          empty={accounts.length === 0 && <EmptyState title="No linked accounts" />}
        >
          {accounts.map((a) => (
            <tr key={a.id}>
              <Td>
                <AccountLink account={a} />
              </Td>
              <Td>{a.institutionName}</Td>
              <Td>
                <AccountStatus status={a.status} replaced={Boolean(a.replacedById)} />
              </Td>
              <Td className="text-right whitespace-nowrap tabular-nums">{formatMoney(a.balanceCurrent, a.balanceCurrency)}</Td>
              <Td className="whitespace-nowrap text-slate-600">{formatDateTime(a.createdAt)}</Td>
            </tr>
          ))}
        </TableCard>
      </TitledSection>

      <TitledSection id="user-sessions" title="Link sessions" count={linkSessions.length}>
        <TableCard
          caption="This user's link sessions"
          columns={["Started", "Stripe session", "Status", { label: "Accounts", className: "text-right" }, "Error"]}
          empty={linkSessions.length === 0 && <EmptyState title="No link sessions" />}
        >
          {linkSessions.map((s) => (
            <tr key={s.id}>
              <Td className="whitespace-nowrap text-slate-600">{formatDateTime(s.createdAt)}</Td>
              <Td>
                <Mono>{s.stripeSessionId}</Mono>
              </Td>
              <Td>
                <StatusBadge status={s.status} />
              </Td>
              <Td className="text-right tabular-nums">{s.accountCount}</Td>
              <Td>{s.errorMessage ?? "—"}</Td>
            </tr>
          ))}
        </TableCard>
      </TitledSection>

      <section className="space-y-3" aria-labelledby="user-audit">
        <div id="user-audit" className="flex items-baseline justify-between gap-3">
          <SectionTitle count={audit.length}>Audit entries</SectionTitle>
          <Link href={`/admin/audit?subject=${user.id}`} className="text-sm text-brand-700 hover:underline">
            In the audit log
          </Link>
        </div>
        <AuditTable entries={audit} caption="Audit entries by or about this user" />
      </section>
    </div>
  );
}
