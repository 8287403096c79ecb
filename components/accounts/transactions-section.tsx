import { format } from "date-fns";
import Link from "next/link";
import { z } from "zod";
import { Card } from "@/components/ui/card";
import { listAccountTransactions } from "@/server/accounts/get-account-detail";
import { formatMoney } from "@/lib/format/money";
import { statusLabel } from "@/lib/format/status";

const filterSchema = z.object({
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  status: z.enum(["pending", "posted", "void"]).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});

const STATUS_STYLE = { pending: "text-amber-700", posted: "text-slate-500", void: "text-slate-400 line-through" } as const;

/** Transactions with a date-range and status filter (a plain GET form, so it works without JS). */
export async function TransactionsSection({ accountId, searchParams, pending }: {
  accountId: string;
  searchParams: Record<string, string | undefined>;
  pending: boolean;
}) {
  const filter = filterSchema.parse(searchParams);
  const { transactions, nextCursor } = await listAccountTransactions(accountId, {
    status: filter.status,
    from: filter.from ? new Date(`${filter.from}T00:00:00Z`) : undefined,
    to: filter.to ? new Date(`${filter.to}T23:59:59.999Z`) : undefined,
    cursor: filter.cursor,
  });
  const query = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ ...(filter.from && { from: filter.from }), ...(filter.to && { to: filter.to }), ...(filter.status && { status: filter.status }), ...extra })}`;

  return (
    <Card padded={false}>
      <div className="flex flex-col gap-4 border-b border-slate-100 p-6 md:flex-row md:items-end md:justify-between">
        <h2 className="text-sm font-semibold uppercase tracking-wider text-slate-500">Transactions</h2>
        <form className="flex flex-wrap items-end gap-2 text-sm" aria-label="Filter transactions">
          <label className="flex flex-col gap-1">
            <span className="text-xs text-slate-500">From</span>
            <input type="date" name="from" defaultValue={filter.from} className="rounded-lg px-2 py-1.5 ring-1 ring-slate-300" />
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-xs text-slate-500">To</span>
            <input type="date" name="to" defaultValue={filter.to} className="rounded-lg px-2 py-1.5 ring-1 ring-slate-300" />
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-xs text-slate-500">Status</span>
            <select name="status" defaultValue={filter.status ?? ""} className="rounded-lg bg-white px-2 py-1.5 ring-1 ring-slate-300">
              <option value="">Any</option>
              <option value="posted">Posted</option>
              <option value="pending">Pending</option>
              <option value="void">Void</option>
            </select>
          </label>
          <button className="rounded-lg bg-slate-900 px-3 py-1.5 font-semibold text-white hover:bg-slate-700">Filter</button>
        </form>
      </div>
      {transactions.length === 0 ? (
        <p className="p-6 text-sm text-slate-500">
          {pending ? "Fetching transactions from your bank…" : filter.from || filter.to || filter.status ? "No transactions match these filters." : "No transactions yet."}
        </p>
      ) : (
        <table className="w-full text-sm">
          <caption className="sr-only">Transactions, newest first</caption>
          <thead className="text-left text-xs uppercase tracking-wider text-slate-500">
            <tr>
              <th scope="col" className="px-6 py-2 font-medium">Date</th>
              <th scope="col" className="px-2 py-2 font-medium">Description</th>
              <th scope="col" className="hidden px-2 py-2 font-medium sm:table-cell">Status</th>
              <th scope="col" className="px-6 py-2 text-right font-medium">Amount</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="transactions">
            {transactions.map((t) => (
              <tr key={t.id}>
                <td className="whitespace-nowrap px-6 py-2.5 text-slate-600">{format(t.transactedAt, "MMM d")}</td>
                <td className="px-2 py-2.5">{t.description}</td>
                <td className={`hidden px-2 py-2.5 sm:table-cell ${STATUS_STYLE[t.status]}`}>{statusLabel(t.status)}</td>
                <td className={`whitespace-nowrap px-6 py-2.5 text-right tabular-nums ${t.amount < 0n ? "" : "text-emerald-700"}`}>
                  {formatMoney(t.amount, t.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(nextCursor || filter.cursor) && (
        <nav aria-label="Transaction pages" className="flex justify-between border-t border-slate-100 px-6 py-3 text-sm">
          {filter.cursor ? <Link href={query({})} className="font-medium text-brand-700">Newest</Link> : <span />}
          {nextCursor && <Link href={query({ cursor: nextCursor })} className="font-medium text-brand-700">Older →</Link>}
        </nav>
      )}
    </Card>
  );
}
