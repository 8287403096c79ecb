import { FilterButtons, FilterForm, SelectField, TextField } from "@/components/ui/form-field";
import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/admin/pager";
import { TableCard, Td } from "@/components/ui/table";
import { formatCount, formatDate } from "@/lib/format/admin";
import { listLinks, param, type SearchParamsRecord } from "@/lib/admin/search-params";
import { listUsers } from "@/server/users/users";
import { requireAdmin } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Users · Admin" };

type Props = { searchParams: Promise<SearchParamsRecord> };

export default async function AdminUsersPage({ searchParams }: Props) {
  const params = await searchParams;
  const q = param(params, "q")?.slice(0, 200);
  const role = param(params, "role") === "admin" ? "admin" : param(params, "role") === "user" ? "user" : undefined;
  const after = param(params, "after");
  const links = listLinks("/admin/users", { q, role }, after);
  await requireAdmin(links.here);
  const page = await listUsers({ q, role }, { after });

  return (
    <div className="space-y-6">
      <PageHeader title="Users" description="Everyone who has signed in. Search by email prefix, user id or Stripe customer id." />
      <FilterForm action="/admin/users" label="Users">
        <TextField name="q" label="Search" type="search" className="flex-1" defaultValue={q ?? ""} placeholder="jane@, user id, cus_…" maxLength={200} />
        <SelectField name="role" label="Role" anyLabel="Any role" defaultValue={role} options={[["admin", "Admins"], ["user", "Users"]]} />
        <FilterButtons submitLabel="Search" />
      </FilterForm>
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
      <Pager first={links.first} next={links.next(page.next)} label="Users pages" />
    </div>
  );
}
