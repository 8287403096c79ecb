import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { AccountCells, PaymentsCell } from "@/components/admin/account-cells";
import { AccountFiltersForm } from "@/components/admin/account-filters-form";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/admin/pager";
import { TableCard, Td, Th } from "@/components/ui/table";
import { OwnershipBadge } from "@/components/ownership/ownership-verdict";
import { buttonClasses } from "@/components/ui/button-classes";
import {
  ACCOUNT_STATUSES,
  accountFilterValues,
  listInstitutions,
  parseAccountFilters,
  type AccountFilters,
  type AccountSort,
} from "@/server/admin/account-filters";
import { formatCount, formatDate, formatMoney } from "@/lib/format/admin";
import { statusLabel } from "@/lib/format/status";
import { countAccounts, listAccounts } from "@/server/admin/list-accounts";
import { param, queryString, type SearchParamsRecord } from "@/lib/admin/search-params";
import { requireAdmin } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Linked accounts · Admin" };

type Props = { searchParams: Promise<SearchParamsRecord> };

export default async function AdminAccountsPage({ searchParams }: Props) {
  const params = await searchParams;
  const filters = parseAccountFilters(params);
  const values = accountFilterValues(filters);
  await requireAdmin(`/admin/accounts${queryString(values)}`);

  const [page, institutions] = await Promise.all([
    listAccounts(filters, { after: param(params, "after"), before: param(params, "before") }),
    listInstitutions(),
  ]);
  const href = (extra: Record<string, string | undefined>) => `/admin/accounts${queryString({ ...values, ...extra })}`;
  const exportHref = `/api/admin/accounts/export${queryString(values)}`;
  const filtered = Object.entries(values).some(([key, value]) => value && key !== "sort" && key !== "dir");

  return (
    <div className="space-y-6">
      <PageHeader
        title="Linked accounts"
        description="Every linked bank account. Search, filter and open one to act on it."
        actions={
          <a href={exportHref} className={buttonClasses("secondary", "py-2")} download>
            Export CSV
          </a>
        }
      />
      <AccountFiltersForm filters={filters} institutions={institutions} />
      <Suspense fallback={<p className="h-8 text-sm text-slate-500">Counting…</p>}>
        <StatusCounts filters={filters} href={href} />
      </Suspense>
      {page.capped && (
        <Alert tone="warning">Many users match this search; only the first 1,000 are included. Type more of the email to narrow it down.</Alert>
      )}
      <TableCard
        caption="Linked accounts"
        columns={[
          "Account",
          "User",
          <SortTh key="institution" label="Institution" sort="institution" filters={filters} href={href} />,
          "Status",
          "Ownership",
          "Payments",
          { label: "Balance", className: "text-right" },
          <SortTh key="linked" label="Linked" sort="linked" filters={filters} href={href} />,
        ]}
        empty={
          page.rows.length === 0 && (
            <EmptyState title={filtered ? "No accounts match these filters" : "No linked accounts yet"}>
              {filtered ? (
                <Link href="/admin/accounts" className="text-brand-700 underline">
                  Clear the filters
                </Link>
              ) : (
                "Accounts appear here once users link them."
              )}
            </EmptyState>
          )
        }
      >
        {page.rows.map((row) => (
          <tr key={row.id} className="hover:bg-slate-50">
            <AccountCells row={row} />
            <Td>
              <OwnershipBadge verdict={row.ownershipVerdict} />
            </Td>
            <Td className="whitespace-nowrap">
              <PaymentsCell state={row.paymentAuthorizations[0]?.state} />
            </Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{formatMoney(row.balanceCurrent, row.balanceCurrency)}</Td>
            <Td className="whitespace-nowrap text-slate-600">{formatDate(row.createdAt)}</Td>
          </tr>
        ))}
      </TableCard>
      <Pager
        first={page.prev ? href({}) : undefined}
        prev={page.prev ? href({ before: page.prev }) : null}
        next={page.next ? href({ after: page.next }) : null}
        label="Accounts pages"
      />
    </div>
  );
}

function SortTh({ label, sort, filters, href }: { label: string; sort: AccountSort; filters: AccountFilters; href: (extra: Record<string, string | undefined>) => string }) {
  const active = filters.sort === sort;
  const nextDir = active ? (filters.dir === "asc" ? "desc" : "asc") : sort === "linked" ? "desc" : "asc";
  return (
    <Th sort={active ? (filters.dir === "asc" ? "ascending" : "descending") : "none"}>
      <Link href={href({ sort, dir: nextDir })} className="inline-flex items-center gap-1 hover:text-slate-900">
        {label}
        <span aria-hidden className={active ? "text-brand-600" : "text-slate-300"}>
          {active && filters.dir === "asc" ? "▲" : "▼"}
        </span>
        <span className="sr-only">, sort {nextDir === "asc" ? "ascending" : "descending"}</span>
      </Link>
    </Th>
  );
}

async function StatusCounts({ filters, href }: { filters: AccountFilters; href: (extra: Record<string, string | undefined>) => string }) {
  const counts = await countAccounts(filters);
  const all = counts.active + counts.inactive + counts.disconnected;
  const chip = (active: boolean) =>
    `inline-flex items-center gap-2 rounded-full px-3 py-1.5 text-sm ring-1 ring-inset ${
      active ? "bg-brand-50 text-brand-700 ring-brand-600/30 font-semibold" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
    }`;
  return (
    <div className="flex flex-wrap items-center gap-2" aria-label="Matching accounts by status">
      <p className="mr-2 text-sm text-slate-600">
        <span className="font-semibold text-slate-900 tabular-nums">{formatCount(counts.total)}</span> matching accounts
      </p>
      <Link href={href({ status: undefined })} className={chip(!filters.status)} aria-current={!filters.status ? "true" : undefined}>
        All <span className="tabular-nums">{formatCount(all)}</span>
      </Link>
      {ACCOUNT_STATUSES.map((status) => (
        <Link key={status} href={href({ status })} className={chip(filters.status === status)} aria-current={filters.status === status ? "true" : undefined}>
          {statusLabel(status)} <span className="tabular-nums">{formatCount(counts[status])}</span>
        </Link>
      ))}
    </div>
  );
}
