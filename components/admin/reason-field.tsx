"use client";

import { useId, type ReactNode } from "react";

/** The most an admin's reason may hold; the server checks the same limit. */
export const REASON_MAX = 500;

/** The required "why" of an admin's destructive action: stored in the audit log. */
export function ReasonField({ label, hint }: { label: string; hint: ReactNode }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {hint} Up to {REASON_MAX} characters.
      </p>
      <textarea
        id={id}
        name="reason"
        required
        maxLength={REASON_MAX}
        rows={3}
        aria-describedby={`${id}-hint`}
        className="mt-2 block w-full rounded-lg border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600"
      />
    </div>
  );
}
