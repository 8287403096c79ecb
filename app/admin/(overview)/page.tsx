import type { Metadata } from "next";
import Link from "next/link";
import { FunnelChart } from "@/components/admin/funnel-chart";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, SectionTitle } from "@/components/ui/page-header";
import { TableCard, Td } from "@/components/ui/table";
import { Card } from "@/components/ui/card";
import { formatCount, formatPercent } from "@/lib/format/admin";
import { statusLabel } from "@/lib/format/status";
import { countOf } from "@/lib/format/words";
import { FUNNEL_DAYS, getOverview } from "@/server/admin/overview";
import { requireAdmin } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Admin" };

function Tile({ label, value, href, hint, tone = "default" }: { label: string; value: number; href?: string; hint?: string; tone?: "default" | "warn" }) {
  const body = (
    <>
      <p className="text-sm text-slate-500">{label}</p>
      <p className={`mt-1 text-3xl font-semibold tabular-nums ${tone === "warn" && value > 0 ? "text-amber-700" : ""}`}>{formatCount(value)}</p>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </>
  );
  return href ? (
    <Link href={href} className="block rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 hover:ring-brand-600/40">
      {body}
    </Link>
  ) : (
    <div className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">{body}</div>
  );
}

type FunnelDay = Awaited<ReturnType<typeof getOverview>>["funnel"][number];

/** The per-day table's number columns: heading and cell. */
const DAY_COLUMNS: [string, (day: FunnelDay) => string][] = [
  ["Created", (d) => formatCount(d.created)],
  ["Succeeded", (d) => formatCount(d.succeeded)],
  ["Cancelled", (d) => formatCount(d.cancelled)],
  ["Failed", (d) => formatCount(d.failed)],
  ["Expired", (d) => formatCount(d.expired)],
  ["Conversion", (d) => formatPercent(d.conversion)],
];

export default async function AdminPage() {
  await requireAdmin("/admin");
  const o = await getOverview();
  const totalAccounts = o.accounts.active + o.accounts.inactive + o.accounts.disconnected;
  const t = o.funnelTotals;

  return (
    <div className="space-y-8">
      <PageHeader title="Admin overview" description="How linking is going and what needs attention." />

      <section aria-label="Totals" className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Tile label="Users" value={o.users} href="/admin/users" hint={countOf(o.admins, "admin")} />
        <Tile label="Linked accounts" value={totalAccounts} href="/admin/accounts" />
        <Tile label={statusLabel("active")} value={o.accounts.active} href="/admin/accounts?status=active" />
        <Tile label={statusLabel("inactive")} value={o.accounts.inactive} href="/admin/accounts?status=inactive" tone="warn" />
        <Tile label={statusLabel("disconnected")} value={o.accounts.disconnected} href="/admin/accounts?status=disconnected" />
        <Tile label="Relink queue" value={o.attention.inactive} href="/admin/relink" hint="need relink, not relinked yet" tone="warn" />
        <Tile label="Deactivation upcoming" value={o.attention.upcoming} href="/admin/relink" tone="warn" />
        <Tile label="Failed webhook events" value={o.attention.failedWebhooks} href="/admin/webhooks?state=failed" tone="warn" />
      </section>

      <Card className="space-y-4">
        <div className="flex flex-col gap-2 sm:flex-row sm:items-baseline sm:justify-between">
          <SectionTitle>Linking funnel, last {FUNNEL_DAYS} days</SectionTitle>
          <p className="text-sm text-slate-600">
            <span className="font-semibold text-slate-900 tabular-nums">{formatCount(t.created)}</span> sessions ·{" "}
            <span className="tabular-nums">{formatCount(t.succeeded)}</span> succeeded ·{" "}
            <span className="tabular-nums">{formatCount(t.cancelled)}</span> cancelled ·{" "}
            <span className="tabular-nums">{formatCount(t.failed)}</span> failed ·{" "}
            <span className="tabular-nums">{formatCount(t.expired)}</span> expired ·{" "}
            <span className="font-semibold text-brand-700">{formatPercent(t.conversion)}</span> conversion
          </p>
        </div>
        {t.created === 0 ? <EmptyState title="No link sessions in the last 30 days" /> : <FunnelChart days={o.funnel} />}
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700">Show the numbers per day</summary>
          <div className="mt-3 max-h-96 overflow-auto">
            <TableCard caption="Link sessions per day" columns={["Day", ...DAY_COLUMNS.map(([label]) => ({ label, className: "text-right" }))]}>
              {o.funnel.map((d) => (
                <tr key={d.day}>
                  <Td className="py-1.5">{d.day}</Td>
                  {DAY_COLUMNS.map(([label, value]) => (
                    <Td key={label} className="py-1.5 text-right tabular-nums">
                      {value(d)}
                    </Td>
                  ))}
                </tr>
              ))}
            </TableCard>
          </div>
        </details>
      </Card>

      <section className="space-y-3" aria-labelledby="by-institution">
        <div id="by-institution">
          <SectionTitle>By institution, last {FUNNEL_DAYS} days</SectionTitle>
          <p className="text-xs text-slate-500">
            A session is attributed to an institution through the accounts it linked; cancelled, failed and expired sessions link none.
          </p>
        </div>
        <TableCard
          caption="Accounts linked per institution in the last 30 days"
          columns={[
            "Institution",
            ...["Sessions", "Accounts", "Active now", statusLabel("inactive"), statusLabel("disconnected")].map((label) => ({ label, className: "text-right" })),
          ]}
          empty={o.institutions.length === 0 && <EmptyState title="No accounts linked in the last 30 days" />}
        >
          {o.institutions.map((row) => (
            <tr key={row.institution}>
              <Td>
                <Link href={`/admin/accounts?institution=${encodeURIComponent(row.institution)}`} className="text-brand-700 hover:underline">
                  {row.institution}
                </Link>
              </Td>
              {[row.sessions, row.accounts, row.active, row.inactive, row.disconnected].map((count, i) => (
                <Td key={i} className="text-right tabular-nums">
                  {formatCount(count)}
                </Td>
              ))}
            </tr>
          ))}
        </TableCard>
      </section>
    </div>
  );
}
