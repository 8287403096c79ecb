"use client";

import { ActionMessages, useAdminAction } from "@/components/admin/use-admin-action";
import { Button } from "@/components/ui/button";

/** Revokes a key after a confirmation: its links stop working at once. */
export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const { run, pending, error, done } = useAdminAction();
  return (
    <div className="flex flex-col items-end gap-2">
      <Button
        variant="danger"
        className="py-1.5"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(`Revoke the key "${name}"? Its backend can no longer mint links, and open links stop working.`)) return;
          void run(`/api/admin/api-keys/${id}/revoke`, {}, "Revoked.");
        }}
      >
        Revoke
      </Button>
      <ActionMessages error={error} done={done} />
    </div>
  );
}
