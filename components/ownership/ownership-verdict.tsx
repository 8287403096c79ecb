import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/cn";
import {
  FIELD_LABELS,
  parseStoredMatch,
  RESULT_LABELS,
  RESULT_TONES,
  VERDICT_HEADLINES,
  VERDICT_LABELS,
  VERDICT_TONES,
  type OwnershipVerdictValue,
} from "@/lib/ownership/stored-match";

type Props = { verdict: OwnershipVerdictValue | null; score: number | null; match: unknown; matchedAt: Date | null };

const PANEL = {
  confirmed: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  partial: "bg-amber-50 text-amber-900 ring-amber-200",
  unconfirmed: "bg-red-50 text-red-900 ring-red-200",
  no_data: "bg-slate-50 text-slate-700 ring-slate-200",
} as const;

/**
 * The person's answer to "is this account really mine?": a plain verdict, what to do about it,
 * and the reasons field by field behind a disclosure.
 */
export function OwnershipVerdictPanel({ verdict, score, match, matchedAt }: Props) {
  if (!verdict) return null;
  const stored = parseStoredMatch(match);
  return (
    <div className={cn("mt-3 rounded-lg px-3 py-2 text-sm ring-1", PANEL[verdict])} data-testid="ownership-verdict" data-verdict={verdict}>
      <p className="font-semibold">
        <span aria-hidden>{verdict === "confirmed" ? "✓ " : verdict === "no_data" ? "" : "⚠ "}</span>
        {VERDICT_HEADLINES[verdict]}
      </p>
      {(verdict === "partial" || verdict === "unconfirmed") && (
        <p className="mt-1">
          If this is your account, check that{" "}
          <Link href="/profile" className="font-semibold underline">
            your profile
          </Link>{" "}
          has your name as your bank knows it.
        </p>
      )}
      {stored && (
        <details className="mt-2">
          <summary className="cursor-pointer text-xs font-medium">Why{score !== null ? ` (score ${score} of 100)` : ""}</summary>
          <OwnershipFieldList match={stored} />
          {matchedAt && <p className="mt-1 text-xs opacity-80">Checked {matchedAt.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })}</p>}
        </details>
      )}
    </div>
  );
}

/** Each field's result and reason: on the person's account page and the admin's account detail. */
export function OwnershipFieldList({ match }: { match: NonNullable<ReturnType<typeof parseStoredMatch>> }) {
  return (
    <ul className="mt-2 space-y-1.5" data-testid="ownership-fields">
      {(Object.keys(FIELD_LABELS) as (keyof typeof FIELD_LABELS)[]).map((key) => (
        <li key={key} className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
          <span className="w-16 shrink-0 text-xs font-medium">{FIELD_LABELS[key]}</span>
          <Badge tone={RESULT_TONES[match.fields[key].result]}>{RESULT_LABELS[match.fields[key].result]}</Badge>
          <span className="min-w-0 flex-1 text-xs">{match.fields[key].reason}</span>
        </li>
      ))}
    </ul>
  );
}

/** The verdict as a badge, for tables and cards. */
export function OwnershipBadge({ verdict }: { verdict: OwnershipVerdictValue | null }) {
  if (!verdict) return <span className="text-xs text-slate-400">—</span>;
  return <Badge tone={VERDICT_TONES[verdict]}>{VERDICT_LABELS[verdict]}</Badge>;
}
