"use client";

import { useActionState, useId } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { FieldError, FormMessage, errorFor } from "@/components/ui/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { MandateText } from "./mandate-text";

/**
 * "Use for payments": the debit authorization, a box to tick and the button that accepts it.
 * The server records the acceptance with the request's address and browser; the box is checked
 * there too, so a post without it is refused naming the field.
 */
export function AuthorizePaymentsForm({
  action,
  hidden,
  business,
  account,
  submitLabel = "Authorize debits",
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  business: string;
  account: string;
  submitLabel?: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const acceptError = errorFor(state, "accept");
  const id = useId();
  return (
    <form action={formAction} className="space-y-3" aria-label="Authorize debits">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <MandateText id={`${id}-terms`} business={business} account={account} />
      <div>
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            name="accept"
            value="yes"
            required
            className="mt-0.5 size-4 rounded border-slate-300 text-brand-600"
            aria-describedby={acceptError ? `${id}-error` : `${id}-terms`}
            aria-invalid={acceptError ? true : undefined}
          />
          <span>I have read and accept this debit authorization.</span>
        </label>
        <FieldError id={`${id}-error`} message={acceptError} />
      </div>
      <SubmitButton pendingLabel="Setting up…">{submitLabel}</SubmitButton>
      <FormMessage state={state} fields={["accept"]} />
    </form>
  );
}
