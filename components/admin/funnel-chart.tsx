import type { FunnelDay } from "@/server/admin/overview";

const SERIES = [
  { key: "succeeded", label: "Succeeded", color: "#059669" },
  { key: "cancelled", label: "Cancelled", color: "#94a3b8" },
  { key: "failed", label: "Failed", color: "#dc2626" },
  { key: "expired", label: "Expired", color: "#f59e0b" },
  { key: "pending", label: "Pending", color: "#7dd3fc" },
] as const;

const W = 720;
const H = 240;
const PAD = { top: 12, right: 44, bottom: 28, left: 44 };

function niceMax(value: number): number {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s * 4 >= value) ?? magnitude * 10;
  return step * 4;
}

/**
 * Sessions per day stacked by outcome, with the conversion rate as a line on its own axis.
 * Plain server-rendered SVG (no chart library, no client JS); the numbers are in a table too.
 */
export function FunnelChart({ days }: { days: FunnelDay[] }) {
  const max = niceMax(Math.max(0, ...days.map((d) => d.created)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const band = plotW / Math.max(days.length, 1);
  const barW = Math.max(2, band * 0.7);
  const y = (value: number) => PAD.top + plotH - (value / max) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  const points = days
    .map((d, i) => (d.conversion === null ? null : `${PAD.left + band * i + band / 2},${PAD.top + plotH - d.conversion * plotH}`))
    .filter(Boolean);

  return (
    <figure className="space-y-3">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label="Link sessions per day for the last 30 days, by outcome, with the conversion rate">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" strokeWidth="1" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#64748b">
              {Math.round(t).toLocaleString("en-US")}
            </text>
            <text x={W - PAD.right + 6} y={y(t) + 4} fontSize="11" fill="#4f46e5">
              {Math.round((t / max) * 100)}%
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          let base = 0;
          const x = PAD.left + band * i + (band - barW) / 2;
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${d.created} created, ${d.succeeded} succeeded, ${d.cancelled} cancelled, ${d.failed} failed, ${d.expired} expired${d.conversion === null ? "" : `, ${(d.conversion * 100).toFixed(1)}% conversion`}`}</title>
              {SERIES.map((s) => {
                const value = d[s.key];
                if (!value) return null;
                const top = y(base + value);
                const height = y(base) - top;
                base += value;
                return <rect key={s.key} x={x} y={top} width={barW} height={Math.max(height, 0.5)} fill={s.color} />;
              })}
              {(i % 5 === 0 || i === days.length - 1) && (
                <text x={x + barW / 2} y={H - 8} textAnchor="middle" fontSize="11" fill="#64748b">
                  {d.day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
        {points.length > 1 && <polyline points={points.join(" ")} fill="none" stroke="#4f46e5" strokeWidth="2" strokeLinejoin="round" />}
      </svg>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {SERIES.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1.5">
            <span aria-hidden className="h-2.5 w-2.5 rounded-sm" style={{ background: s.color }} />
            {s.label}
          </span>
        ))}
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden className="h-0.5 w-4 bg-brand-600" />
          Conversion rate (right axis)
        </span>
      </figcaption>
    </figure>
  );
}
