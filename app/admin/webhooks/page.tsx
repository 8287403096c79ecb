import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/admin/pager";
import { TableCard, Td } from "@/components/ui/table";
import { buttonClasses } from "@/components/ui/button-classes";
import { formatDateTime } from "@/lib/admin/format";
import { statusLabel } from "@/lib/format/status";
import { param, queryString, type SearchParamsRecord } from "@/lib/admin/search-params";
import { WEBHOOK_STATES, listWebhookEvents, parseWebhookFilters } from "@/lib/admin/webhook-events";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Webhook events · Admin" };

type Props = { searchParams: Promise<SearchParamsRecord> };

const field = "mt-1 block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600";

export default async function AdminWebhooksPage({ searchParams }: Props) {
  const params = await searchParams;
  const filters = parseWebhookFilters(params);
  const values = { type: filters.type, state: filters.state, object: filters.object };
  await requireAdmin(`/admin/webhooks${queryString(values)}`);
  const page = await listWebhookEvents(filters, { after: param(params, "after") });
  const filtered = Object.values(values).some(Boolean);

  return (
    <div className="space-y-6">
      <PageHeader title="Webhook events" description="What Stripe told us: each event as received, verified and processed." />
      <form method="get" action="/admin/webhooks" className="grid gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-4 sm:items-end">
        <div className="sm:col-span-2">
          <label htmlFor="type" className="block text-xs font-medium text-slate-600">
            Type (end with * for a prefix)
          </label>
          <input id="type" name="type" defaultValue={filters.type ?? ""} placeholder="financial_connections.account.*" className={field} maxLength={100} />
        </div>
        <div>
          <label htmlFor="state" className="block text-xs font-medium text-slate-600">
            State
          </label>
          <select id="state" name="state" defaultValue={filters.state ?? ""} className={field}>
            <option value="">Any state</option>
            {WEBHOOK_STATES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        {filters.object && <input type="hidden" name="object" value={filters.object} />}
        <div className="flex gap-2">
          <button type="submit" className={buttonClasses("primary", "py-2")}>
            Filter
          </button>
          {filtered && (
            <Link href="/admin/webhooks" className={buttonClasses("ghost", "py-2")}>
              Clear
            </Link>
          )}
        </div>
      </form>
      {filters.object && (
        <p className="text-sm text-slate-600">
          Events about <code className="text-xs">{filters.object}</code>
        </p>
      )}
      <TableCard
        caption="Webhook events"
        columns={["Type", "Received", "Verified", "State", { label: "Attempts", className: "text-right" }, "Error"]}
        empty={page.rows.length === 0 && <EmptyState title={filtered ? "No events match" : "No webhook events received yet"} />}
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
      <Pager
        first={params.after ? `/admin/webhooks${queryString(values)}` : undefined}
        next={page.next ? `/admin/webhooks${queryString({ ...values, after: page.next })}` : null}
        label="Webhook events pages"
      />
    </div>
  );
}
