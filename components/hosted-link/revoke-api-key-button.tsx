"use client";

import { useActionState, useId } from "react";
import { IDLE } from "@/lib/action-state";
import { revokeApiKeyAsAdmin } from "@/server/api-keys/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { ConfirmDisclosure } from "@/components/ui/confirm-disclosure";
import { TextField } from "@/components/ui/form-field";

/**
 * Revokes a key after a confirmation step (its links stop working at once). Once revoked, the
 * page's re-render shows the new status and this keeps only its "Revoked." note.
 */
export function RevokeApiKeyButton({ id, name, revoked }: { id: string; name: string; revoked: boolean }) {
  const [state, formAction] = useActionState(revokeApiKeyAsAdmin, IDLE);
  const reasonId = useId();
  if (revoked) return state.status === "idle" ? null : <ActionMessage state={state} />;
  return (
    <div className="flex flex-col items-start gap-2 md:items-end">
      <ConfirmDisclosure
        label="Revoke"
        danger
        action={formAction}
        hidden={{ keyId: id }}
        prompt={<>Revoke &ldquo;{name}&rdquo;? The backend using it is refused at once, and its open links stop working.</>}
        submitLabel="Revoke key"
        pendingLabel="Revoking…"
      >
        <TextField id={reasonId} name="reason" label="Reason (optional, kept in the audit log)" maxLength={500} />
      </ConfirmDisclosure>
      <ActionMessage state={state} />
    </div>
  );
}
