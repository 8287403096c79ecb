import { formatMoney } from "@/lib/format/money";

/** One UTC day of the trend: the current balance in integer minor units, as a number. */
export type BalanceTrendPoint = { day: string; current: number | null };

const W = 96;
const H = 28;
const PAD = 2;

const shortDate = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** What the line says, for screen readers: the change from the first day with a balance to the last. */
function describe(points: BalanceTrendPoint[], currency: string | null, first: number, last: number): string {
  const from = points[first]!;
  const change = points[last]!.current! - from.current!;
  const span = first === 0 ? `over ${points.length} days` : `since ${shortDate.format(new Date(`${from.day}T00:00:00Z`))}`;
  const amount = formatMoney(BigInt(Math.round(Math.abs(change))), currency);
  return `Balance trend ${span}: ${change > 0 ? `up ${amount}` : change < 0 ? `down ${amount}` : "unchanged"}`;
}

/**
 * A sparkline of the current balance for the accounts list (from getBalanceTrends). Plain SVG
 * rendered on the server: a list of many cards needs no chart library or JavaScript for it.
 * Days without a balance break the line; with fewer than two days there is no trend to draw.
 */
export function BalanceTrend({ currency, points }: { currency: string | null; points: BalanceTrendPoint[] }) {
  const first = points.findIndex((p) => p.current !== null);
  const last = points.findLastIndex((p) => p.current !== null);
  if (first === -1 || first === last) return <span className="sr-only">No balance history yet</span>;

  const values = points.flatMap((p) => (p.current === null ? [] : [p.current]));
  const min = Math.min(...values);
  const max = Math.max(...values);
  const x = (i: number) => PAD + ((W - 2 * PAD) * i) / Math.max(points.length - 1, 1);
  // A flat balance is a line across the middle rather than along an edge.
  const y = (v: number) => (max === min ? H / 2 : PAD + (H - 2 * PAD) * (1 - (v - min) / (max - min)));
  let path = "";
  let drawing = false;
  points.forEach((p, i) => {
    if (p.current === null) {
      drawing = false;
      return;
    }
    path += `${drawing ? "L" : "M"}${x(i).toFixed(1)} ${y(p.current).toFixed(1)}`;
    drawing = true;
  });
  const change = points[last]!.current! - points[first]!.current!;
  const color = change > 0 ? "#059669" : change < 0 ? "#e11d48" : "#64748b";

  return (
    <svg role="img" aria-label={describe(points, currency, first, last)} width={W} height={H} viewBox={`0 0 ${W} ${H}`} className="shrink-0 overflow-visible">
      <path d={path} fill="none" stroke={color} strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" />
      <circle cx={x(last)} cy={y(points[last]!.current!)} r="2" fill={color} />
    </svg>
  );
}
