import { FilterButtons, FilterForm, SelectField } from "@/components/ui/form-field";
import type { Metadata } from "next";
import { AuditTable } from "@/components/admin/audit-table";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/admin/pager";
import { AUDIT_ACTIONS, listAuditLog, parseAuditFilters } from "@/server/audit/audit-log";
import { listLinks, param, type SearchParamsRecord } from "@/lib/admin/search-params";
import { requireAdmin } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Audit log · Admin" };

type Props = { searchParams: Promise<SearchParamsRecord> };

export default async function AdminAuditPage({ searchParams }: Props) {
  const params = await searchParams;
  const filters = parseAuditFilters(params);
  const values = { action: filters.action, actor: filters.actorId, subject: filters.subjectId, target: filters.targetId };
  const after = param(params, "after");
  const links = listLinks("/admin/audit", values, after);
  await requireAdmin(links.here);
  const page = await listAuditLog(filters, { after });

  return (
    <div className="space-y-6">
      <PageHeader title="Audit log" description="Every admin action: who did what to whom, when, and why." />
      <FilterForm action="/admin/audit" label="Audit log">
        <SelectField name="action" label="Action" anyLabel="Any action" defaultValue={filters.action} options={AUDIT_ACTIONS.map((a) => [a, a] as const)} />
        {filters.actorId && <input type="hidden" name="actor" value={filters.actorId} />}
        {filters.subjectId && <input type="hidden" name="subject" value={filters.subjectId} />}
        {filters.targetId && <input type="hidden" name="target" value={filters.targetId} />}
        <FilterButtons clearHref={links.clear} />
      </FilterForm>
      {(filters.actorId || filters.subjectId || filters.targetId) && (
        <p className="text-sm text-slate-600">
          Showing entries {filters.actorId && <>by user <code className="text-xs">{filters.actorId}</code> </>}
          {filters.subjectId && <>about user <code className="text-xs">{filters.subjectId}</code> </>}
          {filters.targetId && <>on <code className="text-xs">{filters.targetId}</code></>}
        </p>
      )}
      <AuditTable entries={page.rows} caption="Audit log" />
      <Pager first={links.first} next={links.next(page.next)} label="Audit log pages" />
    </div>
  );
}
