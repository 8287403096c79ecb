import type { Metadata } from "next";
import { AccountCells } from "@/components/admin/account-cells";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, SectionTitle } from "@/components/ui/page-header";
import { Pager } from "@/components/admin/pager";
import { TableCard, Td } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/admin";
import { listRelinkQueue, type RelinkRow } from "@/server/admin/relink-queue";
import { param, queryString, type SearchParamsRecord } from "@/lib/admin/search-params";
import { requireAdmin } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Relink queue · Admin" };

type Props = { searchParams: Promise<SearchParamsRecord> };

function daysUntil(date: Date | null, now: number): string {
  if (!date) return "—";
  const days = Math.round((date.getTime() - now) / 86_400_000);
  if (days < 0) return `${-days} day${days === -1 ? "" : "s"} overdue`;
  if (days === 0) return "today";
  return `in ${days} day${days === 1 ? "" : "s"}`;
}

export default async function AdminRelinkPage({ searchParams }: Props) {
  const params = await searchParams;
  await requireAdmin("/admin/relink");
  const inactiveAfter = param(params, "inactive");
  const upcomingAfter = param(params, "upcoming");
  const queue = await listRelinkQueue({ inactiveAfter, upcomingAfter });
  // Server render time, once per request: the "in N days" labels are relative to it.
  const now = new Date().getTime();

  return (
    <div className="space-y-8">
      <PageHeader
        title="Relink queue"
        description="Accounts whose owners must link again, most urgent first. Accounts already relinked are left out."
      />
      <section className="space-y-3" aria-labelledby="inactive">
        <div id="inactive">
          <SectionTitle count={queue.counts.inactive}>Inactive: the bank cut access</SectionTitle>
          <p className="text-xs text-slate-500">Longest without a successful sync first.</p>
        </div>
        <QueueTable rows={queue.inactive.rows} caption="Inactive accounts" when={(row) => `last synced ${formatDateTime(row.syncedAt)}`} />
        <Pager
          first={inactiveAfter ? `/admin/relink${queryString({ upcoming: upcomingAfter })}` : undefined}
          next={queue.inactive.next ? `/admin/relink${queryString({ inactive: queue.inactive.next, upcoming: upcomingAfter })}` : null}
          label="Inactive accounts pages"
        />
      </section>
      <section className="space-y-3" aria-labelledby="upcoming">
        <div id="upcoming">
          <SectionTitle count={queue.counts.upcoming}>Upcoming deactivation</SectionTitle>
          <p className="text-xs text-slate-500">Still active; the bank has announced it will cut access. Soonest first.</p>
        </div>
        <QueueTable
          rows={queue.upcoming.rows}
          caption="Accounts with an upcoming deactivation"
          when={(row) => `${daysUntil(row.expectedDeactivationAt, now)} (${formatDateTime(row.expectedDeactivationAt)})`}
        />
        <Pager
          first={upcomingAfter ? `/admin/relink${queryString({ inactive: inactiveAfter })}` : undefined}
          next={queue.upcoming.next ? `/admin/relink${queryString({ inactive: inactiveAfter, upcoming: queue.upcoming.next })}` : null}
          label="Upcoming deactivation pages"
        />
      </section>
    </div>
  );
}

function QueueTable({ rows, caption, when }: { rows: RelinkRow[]; caption: string; when: (row: RelinkRow) => string }) {
  return (
    <TableCard
      caption={caption}
      columns={["Account", "User", "Institution", "Status", "Urgency"]}
      empty={rows.length === 0 && <EmptyState title="Nothing here: no account needs relinking" />}
    >
      {rows.map((row) => (
        <tr key={row.id} className="hover:bg-slate-50">
          <AccountCells row={row} />
          <Td className="text-slate-600">{when(row)}</Td>
        </tr>
      ))}
    </TableCard>
  );
}
