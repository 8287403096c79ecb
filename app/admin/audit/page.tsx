import type { Metadata } from "next";
import Link from "next/link";
import { AuditTable } from "@/components/admin/audit-table";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/admin/pager";
import { buttonClasses } from "@/components/ui/button-classes";
import { AUDIT_ACTIONS, listAuditLog, parseAuditFilters } from "@/lib/admin/audit-log";
import { param, queryString, type SearchParamsRecord } from "@/lib/admin/search-params";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Audit log · Admin" };

type Props = { searchParams: Promise<SearchParamsRecord> };

export default async function AdminAuditPage({ searchParams }: Props) {
  const params = await searchParams;
  const filters = parseAuditFilters(params);
  const values = { action: filters.action, actor: filters.actorId, subject: filters.subjectId, target: filters.targetId };
  await requireAdmin(`/admin/audit${queryString(values)}`);
  const page = await listAuditLog(filters, { after: param(params, "after") });
  const filtered = Object.values(values).some(Boolean);

  return (
    <div className="space-y-6">
      <PageHeader title="Audit log" description="Every admin action: who did what to whom, when, and why." />
      <form method="get" action="/admin/audit" className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:flex-row sm:items-end">
        <div>
          <label htmlFor="action" className="block text-xs font-medium text-slate-600">
            Action
          </label>
          <select
            id="action"
            name="action"
            defaultValue={filters.action ?? ""}
            className="mt-1 block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600"
          >
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        {filters.actorId && <input type="hidden" name="actor" value={filters.actorId} />}
        {filters.subjectId && <input type="hidden" name="subject" value={filters.subjectId} />}
        {filters.targetId && <input type="hidden" name="target" value={filters.targetId} />}
        <button type="submit" className={buttonClasses("primary", "py-2")}>
          Filter
        </button>
        {filtered && (
          <Link href="/admin/audit" className={buttonClasses("ghost", "py-2")}>
            Clear
          </Link>
        )}
      </form>
      {(filters.actorId || filters.subjectId || filters.targetId) && (
        <p className="text-sm text-slate-600">
          Showing entries {filters.actorId && <>by user <code className="text-xs">{filters.actorId}</code> </>}
          {filters.subjectId && <>about user <code className="text-xs">{filters.subjectId}</code> </>}
          {filters.targetId && <>on <code className="text-xs">{filters.targetId}</code></>}
        </p>
      )}
      <AuditTable entries={page.rows} caption="Audit log" />
      <Pager
        first={params.after ? `/admin/audit${queryString(values)}` : undefined}
        next={page.next ? `/admin/audit${queryString({ ...values, after: page.next })}` : null}
        label="Audit log pages"
      />
    </div>
  );
}
