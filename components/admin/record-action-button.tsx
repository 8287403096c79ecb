"use client";

import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";

type Props = {
  /** A server action that takes the record's id from the form field `field`. */
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  field: string;
  id: string;
  label: string;
  pendingLabel: string;
};

/** One button that runs a server action on one record (reprocess an event, retry a callback), with its outcome under it. */
export function RecordActionButton({ action, field, id, label, pendingLabel }: Props) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name={field} value={id} />
      <SubmitButton variant="secondary" pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
      <ActionMessage state={state} />
    </form>
  );
}
