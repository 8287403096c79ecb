import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/admin/pager";
import { TableCard, Td } from "@/components/ui/table";
import { buttonClasses } from "@/components/ui/button-classes";
import { formatCount, formatDate } from "@/lib/admin/format";
import { param, queryString, type SearchParamsRecord } from "@/lib/admin/search-params";
import { listUsers } from "@/lib/admin/users";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Users · Admin" };

type Props = { searchParams: Promise<SearchParamsRecord> };

const field = "block w-full rounded-lg border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600 bg-white";

export default async function AdminUsersPage({ searchParams }: Props) {
  const params = await searchParams;
  const q = param(params, "q")?.slice(0, 200);
  const role = param(params, "role") === "admin" ? "admin" : param(params, "role") === "user" ? "user" : undefined;
  await requireAdmin(`/admin/users${queryString({ q, role })}`);
  const page = await listUsers({ q, role }, { after: param(params, "after") });

  return (
    <div className="space-y-6">
      <PageHeader title="Users" description="Everyone who has signed in. Search by email prefix, user id or Stripe customer id." />
      <form method="get" action="/admin/users" role="search" aria-label="Users" className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:flex-row sm:items-end">
        <div className="flex-1">
          <label htmlFor="q" className="block text-xs font-medium text-slate-600">
            Search
          </label>
          <input id="q" name="q" type="search" defaultValue={q ?? ""} placeholder="jane@, user id, cus_…" className={`${field} mt-1`} maxLength={200} />
        </div>
        <div>
          <label htmlFor="role" className="block text-xs font-medium text-slate-600">
            Role
          </label>
          <select id="role" name="role" defaultValue={role ?? ""} className={`${field} mt-1`}>
            <option value="">Any role</option>
            <option value="admin">Admins</option>
            <option value="user">Users</option>
          </select>
        </div>
        <button type="submit" className={buttonClasses("primary", "py-2")}>
          Search
        </button>
      </form>
      <TableCard
        caption="Users"
        columns={["Email", "Name", "Role", { label: "Accounts", className: "text-right" }, "Joined"]}
        empty={page.rows.length === 0 && <EmptyState title={q || role ? "No users match" : "No users yet"} />}
      >
        {page.rows.map((user) => (
          <tr key={user.id} className="hover:bg-slate-50">
            <Td>
              <Link href={`/admin/users/${user.id}`} className="font-medium text-brand-700 hover:underline">
                {user.email ?? user.id}
              </Link>
            </Td>
            <Td>{user.name ?? "—"}</Td>
            <Td>
              <StatusBadge status={user.role} />
            </Td>
            <Td className="text-right tabular-nums">{formatCount(user.accountCount)}</Td>
            <Td className="whitespace-nowrap text-slate-600">{formatDate(user.createdAt)}</Td>
          </tr>
        ))}
      </TableCard>
      <Pager
        first={params.after ? `/admin/users${queryString({ q, role })}` : undefined}
        next={page.next ? `/admin/users${queryString({ q, role, after: page.next })}` : null}
        label="Users pages"
      />
    </div>
  );
}
