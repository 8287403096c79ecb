"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { changeUserRole } from "@/server/users/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";

type Props = { userId: string; role: "user" | "admin"; isSelf: boolean; configuredAdmin: boolean };

export function RoleForm({ userId, role, isSelf, configuredAdmin }: Props) {
  const [state, formAction] = useActionState(changeUserRole, IDLE);
  const next = role === "admin" ? "user" : "admin";
  if (role === "admin" && configuredAdmin) {
    // The server refuses this demotion too (sign-in would undo it); say why instead of offering it.
    return (
      <p className="text-sm text-slate-600" data-testid="configured-admin">
        This address is listed in <code className="font-mono text-xs">ADMIN_EMAILS</code>, which makes it an admin at every
        sign-in. Remove it there to demote this account.
      </p>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="role" value={next} />
      {isSelf && next === "user" && (
        // Confirmation without a dialog, so it works before hydration and without JavaScript.
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" name="confirm" required className="mt-0.5" />
          Remove my own admin access: I lose this area at once.
        </label>
      )}
      <SubmitButton variant={next === "admin" ? "primary" : "secondary"} pendingLabel={next === "admin" ? "Promoting…" : "Demoting…"}>
        {next === "admin" ? "Promote to admin" : "Demote to user"}
      </SubmitButton>
      <ActionMessage state={state} />
    </form>
  );
}
