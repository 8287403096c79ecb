import { FilterButtons, FilterForm, SelectField, TextField } from "@/components/ui/form-field";
import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/admin/pager";
import { TableCard, Td } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/admin";
import { statusLabel } from "@/lib/format/status";
import { listLinks, param, type SearchParamsRecord } from "@/lib/admin/search-params";
import { WEBHOOK_STATES, listWebhookEvents, parseWebhookFilters } from "@/server/admin/webhook-events";
import { requireAdmin } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Webhook events · Admin" };

type Props = { searchParams: Promise<SearchParamsRecord> };

export default async function AdminWebhooksPage({ searchParams }: Props) {
  const params = await searchParams;
  const filters = parseWebhookFilters(params);
  const values = { type: filters.type, state: filters.state, object: filters.object };
  const after = param(params, "after");
  const links = listLinks("/admin/webhooks", values, after);
  await requireAdmin(links.here);
  const page = await listWebhookEvents(filters, { after });

  return (
    <div className="space-y-6">
      <PageHeader title="Webhook events" description="What Stripe told us: each event as received, verified and processed." />
      <FilterForm action="/admin/webhooks" label="Webhook events" className="grid sm:grid-cols-4">
        <TextField name="type" label="Type (end with * for a prefix)" className="sm:col-span-2" defaultValue={filters.type ?? ""} placeholder="financial_connections.account.*" maxLength={100} />
        <SelectField name="state" label="State" anyLabel="Any state" defaultValue={filters.state} options={WEBHOOK_STATES.map((s) => [s, statusLabel(s)] as const)} />
        {filters.object && <input type="hidden" name="object" value={filters.object} />}
        <FilterButtons clearHref={links.clear} />
      </FilterForm>
      {filters.object && (
        <p className="text-sm text-slate-600">
          Events about <code className="text-xs">{filters.object}</code>
        </p>
      )}
      <TableCard
        caption="Webhook events"
        columns={["Type", "Received", "Verified", "State", { label: "Attempts", className: "text-right" }, "Error"]}
        empty={page.rows.length === 0 && <EmptyState title={links.clear ? "No events match" : "No webhook events received yet"} />}
      >
        {page.rows.map((e) => (
          <tr key={e.id} className="hover:bg-slate-50">
            <Td>
              <Link href={`/admin/webhooks/${e.id}`} className="font-mono text-xs text-brand-700 hover:underline">
                {e.type}
              </Link>
              <div className="font-mono text-xs text-slate-500">{e.stripeEventId}</div>
            </Td>
            <Td className="whitespace-nowrap text-slate-600">{formatDateTime(e.receivedAt)}</Td>
            <Td>
              {/* Only events whose signature verified are ever stored. */}
              <span className="text-emerald-700">Signature ok</span>
              {e.livemode && <div className="text-xs text-slate-500">live mode</div>}
            </Td>
            <Td>
              <StatusBadge status={e.state} />
            </Td>
            <Td className="text-right tabular-nums">{e.attempts}</Td>
            <Td className="max-w-xs truncate text-red-700" title={e.error ?? undefined}>
              {e.error ?? <span className="text-slate-400">—</span>}
            </Td>
          </tr>
        ))}
      </TableCard>
      <Pager first={links.first} next={links.next(page.next)} label="Webhook events pages" />
    </div>
  );
}
