"use client";

import { Button } from "@/components/ui/button";
import { ActionMessages, useAdminAction } from "./use-admin-action";

export function RoleForm({ userId, role, isSelf }: { userId: string; role: "user" | "admin"; isSelf: boolean }) {
  const { run, pending, error, done } = useAdminAction();
  const next = role === "admin" ? "user" : "admin";
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
