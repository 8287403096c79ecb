"use client";

import { Button } from "@/components/ui/button";
import { ActionMessages, useAdminAction } from "./use-admin-action";

type Props = { userId: string; role: "user" | "admin"; isSelf: boolean; configuredAdmin: boolean };

export function RoleForm({ userId, role, isSelf, configuredAdmin }: Props) {
  const { run, pending, error, done } = useAdminAction();
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
    <div className="space-y-3">
      <Button
        variant={next === "admin" ? "primary" : "secondary"}
        disabled={pending}
        onClick={() => {
          if (isSelf && next === "user" && !window.confirm("Remove your own admin access? You will lose this area at once.")) return;
          void run(`/api/admin/users/${userId}/role`, { role: next }, next === "admin" ? "Promoted to admin." : "Demoted to user.");
        }}
      >
        {next === "admin" ? "Promote to admin" : "Demote to user"}
      </Button>
      <ActionMessages error={error} done={done} />
    </div>
  );
}
