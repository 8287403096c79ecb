import { achMandateText, type MandateTextInput } from "@/lib/payments/ach-mandate-text";

/** The ACH debit authorization, as the person reads it before accepting. */
export function MandateText(props: MandateTextInput & { id?: string }) {
  return (
    <div id={props.id} className="max-h-56 space-y-2 overflow-y-auto rounded-lg bg-slate-50 p-3 text-sm text-slate-700 ring-1 ring-slate-200" tabIndex={0} role="region" aria-label="Debit authorization">
      {achMandateText(props).map((paragraph) => (
        <p key={paragraph.slice(0, 40)}>{paragraph}</p>
      ))}
    </div>
  );
}
