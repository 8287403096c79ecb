const tones = {
  green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
  red: "bg-red-50 text-red-700 ring-red-600/20",
  blue: "bg-sky-50 text-sky-700 ring-sky-600/20",
  slate: "bg-slate-100 text-slate-700 ring-slate-500/20",
  brand: "bg-brand-50 text-brand-700 ring-brand-600/20",
} as const;

export type Tone = keyof typeof tones;

export function Badge({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tones[tone]}`}>
      {children}
    </span>
  );
}

const STATUS_TONES: Record<string, Tone> = {
  active: "green",
  inactive: "amber",
  disconnected: "slate",
  succeeded: "green",
  processed: "green",
  pending: "blue",
  received: "blue",
  cancelled: "slate",
  ignored: "slate",
  failed: "red",
  delivered: "green",
  retrying: "amber",
  given_up: "red",
  pass: "green",
  warn: "amber",
  fail: "red",
  admin: "brand",
  user: "slate",
};

/** A state word with its colour; the word itself carries the meaning (not colour alone). */
export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status] ?? "slate"}>{status.replace(/_/g, " ")}</Badge>;
}
