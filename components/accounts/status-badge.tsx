const STYLES = {
  active: { label: "Active", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  inactive: { label: "Needs relink", className: "bg-amber-50 text-amber-900 ring-amber-200" },
  disconnected: { label: "Disconnected", className: "bg-slate-100 text-slate-600 ring-slate-200" },
} as const;

export function StatusBadge({ status }: { status: keyof typeof STYLES }) {
  const style = STYLES[status];
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`}>
      {style.label}
    </span>
  );
}
