"use client";

import type { ReactNode } from "react";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { EmptyState } from "@/components/ui/empty-state";
import { Td, Th } from "@/components/ui/table";
import { formatMoney, minorToDecimal } from "@/lib/format/money";

/** One UTC day of the chart: integer minor units as numbers (no bigint crosses to the browser). */
export type BalanceChartPoint = { day: string; current: number | null; available: number | null; source: "snapshot" | "derived" };

const CURRENT = "#4f46e5"; // brand-600
const AVAILABLE = "#059669"; // emerald-600
const HEIGHT = 240;

// Days are UTC calendar days: formatted in UTC so no reader's time zone moves them.
const shortDate = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const longDate = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dateOf = (day: string) => new Date(`${day}T00:00:00Z`);
const short = (day: string) => shortDate.format(dateOf(day));
const long = (day: string) => longDate.format(dateOf(day));

const money = (minor: number | null, currency: string | null) => formatMoney(minor === null ? null : BigInt(Math.round(minor)), currency);

/** "$1.2K": the axis has room for a few characters at 375 px, the tooltip and table give cents. */
function axisMoney(minor: number, currency: string | null): string {
  if (!currency) return String(minor);
  try {
    const major = Number(minorToDecimal(BigInt(Math.round(minor)), currency));
    return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase(), notation: "compact", maximumFractionDigits: 1 }).format(major);
  } catch {
    return money(minor, currency);
  }
}

type Row = BalanceChartPoint & {
  /** Current on days the bank reported it: the solid line. */
  reported: number | null;
  /** Current on derived days, plus the reported days beside them so the dashed line joins the solid one. */
  estimated: number | null;
};

function chartRows(points: BalanceChartPoint[]): Row[] {
  const isEstimate = (p: BalanceChartPoint | undefined) => p?.source === "derived" && p.current !== null;
  return points.map((p, i) => ({
    ...p,
    reported: p.source === "snapshot" ? p.current : null,
    estimated: isEstimate(p) || (p.current !== null && (isEstimate(points[i - 1]) || isEstimate(points[i + 1]))) ? p.current : null,
  }));
}

/** A dot only where a line has no neighbour to join: otherwise a lone day would not show at all. */
function loneDot(rows: Row[], key: "reported" | "available", color: string) {
  function LoneDot(props: { cx?: number; cy?: number; index?: number }) {
    const { cx, cy, index = -1 } = props;
    const lone = rows[index]?.[key] != null && rows[index - 1]?.[key] == null && rows[index + 1]?.[key] == null;
    if (!lone || cx === undefined || cy === undefined) return <g key={`${key}-${index}`} />;
    return <circle key={`${key}-${index}`} cx={cx} cy={cy} r={3} fill={color} />;
  }
  return LoneDot;
}

/** What the chart shows, in one sentence for screen readers (the table has every day). */
function summary(points: BalanceChartPoint[], currency: string | null): string {
  const known = points.filter((p) => p.current !== null);
  const first = known[0];
  const last = known.at(-1);
  if (!first || !last) return "No current balance to chart";
  const estimated = known.some((p) => p.source === "derived") ? ". Days without a reported balance are estimated from transactions" : "";
  if (first === last) return `Current balance ${money(last.current, currency)} on ${short(last.day)}${estimated}`;
  return `Current balance from ${money(first.current, currency)} on ${short(first.day)} to ${money(last.current, currency)} on ${short(last.day)}${estimated}`;
}

function ChartTooltip({ active, payload, currency }: { active?: boolean; payload?: readonly { payload?: unknown }[]; currency: string | null }) {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  return (
    <div className="rounded-lg bg-white px-3 py-2 text-xs shadow-md ring-1 ring-slate-200">
      <p className="font-semibold text-slate-900">{long(row.day)}</p>
      <p className="tabular-nums" style={{ color: CURRENT }}>
        Current {money(row.current, currency)}
        {row.source === "derived" && row.current !== null && <span className="text-slate-500"> (estimated)</span>}
      </p>
      {row.available !== null && (
        <p className="tabular-nums" style={{ color: AVAILABLE }}>
          Available {money(row.available, currency)}
        </p>
      )}
    </div>
  );
}

function LegendLine({ color, dashed, children }: { color: string; dashed?: boolean; children: ReactNode }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <svg aria-hidden width="18" height="6" className="shrink-0">
        <line x1="0" x2="18" y1="3" y2="3" stroke={color} strokeWidth="2" strokeDasharray={dashed ? "4 3" : undefined} opacity={dashed ? 0.7 : 1} />
      </svg>
      {children}
    </span>
  );
}

/**
 * The account's current and available balance per day (90 days, from getBalanceHistory). The
 * chart draws in the browser (recharts measures its width); before that, and with JavaScript
 * off, the same numbers are in the table under it. Days the bank reported are a solid line,
 * days estimated from transactions dashed.
 */
export function BalanceChart({ currency, points }: { currency: string | null; points: BalanceChartPoint[] }) {
  const withData = points.filter((p) => p.current !== null || p.available !== null);
  if (withData.length === 0) {
    return (
      <EmptyState title="No balance history yet">It starts with this account&apos;s first balance: refresh the balance to get one.</EmptyState>
    );
  }
  const rows = chartRows(points);
  const hasEstimates = withData.some((p) => p.source === "derived" && p.current !== null);
  const hasAvailable = withData.some((p) => p.available !== null);

  return (
    <figure className="space-y-3">
      <div role="img" aria-label={summary(points, currency)} className="w-full" style={{ height: HEIGHT }}>
        <LineChart responsive accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} style={{ width: "100%", height: HEIGHT }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="day" tickFormatter={short} minTickGap={28} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} />
          <YAxis width={52} tickFormatter={(v: number) => axisMoney(v, currency)} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} domain={["auto", "auto"]} />
          <Tooltip content={({ active, payload }) => <ChartTooltip active={active} payload={payload} currency={currency} />} />
          {hasEstimates && (
            <Line dataKey="estimated" name="Current (estimated)" stroke={CURRENT} strokeOpacity={0.7} strokeWidth={2} strokeDasharray="5 4" dot={false} activeDot={false} connectNulls={false} isAnimationActive={false} />
          )}
          {hasAvailable && (
            <Line dataKey="available" name="Available" stroke={AVAILABLE} strokeWidth={2} dot={loneDot(rows, "available", AVAILABLE)} connectNulls={false} isAnimationActive={false} />
          )}
          <Line dataKey="reported" name="Current" stroke={CURRENT} strokeWidth={2} dot={loneDot(rows, "reported", CURRENT)} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </div>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        <LegendLine color={CURRENT}>Current balance</LegendLine>
        {hasEstimates && (
          <LegendLine color={CURRENT} dashed>
            Estimated from transactions (days without a reported balance)
          </LegendLine>
        )}
        {hasAvailable && <LegendLine color={AVAILABLE}>Available balance</LegendLine>}
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-brand-700 hover:text-brand-600">Show as a table</summary>
        <div className="mt-3 max-h-96 overflow-auto rounded-xl ring-1 ring-slate-200">
          <table className="w-full text-left text-sm" data-testid="balance-history-table">
            <caption className="sr-only">Balance per day</caption>
            <thead className="sticky top-0">
              <tr>
                <Th>Date</Th>
                <Th className="text-right">Current</Th>
                <Th className="text-right">Available</Th>
              </tr>
            </thead>
            <tbody>
              {withData.map((p) => (
                <tr key={p.day}>
                  <Td className="whitespace-nowrap">
                    {long(p.day)}
                    {p.source === "derived" && <span className="block text-xs text-slate-500">estimated from transactions</span>}
                  </Td>
                  <Td className="text-right whitespace-nowrap tabular-nums">{money(p.current, currency)}</Td>
                  <Td className="text-right whitespace-nowrap tabular-nums">{money(p.available, currency)}</Td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
