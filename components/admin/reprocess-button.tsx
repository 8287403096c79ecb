"use client";

import { Button } from "@/components/ui/button";
import { ActionMessages, useAdminAction } from "./use-admin-action";

export function ReprocessButton({ eventId }: { eventId: string }) {
  const { run, pending, error, done } = useAdminAction();
  return (
    <div className="space-y-3">
      <Button variant="secondary" disabled={pending} onClick={() => run(`/api/admin/webhook-events/${eventId}/reprocess`, {}, (answer) => {
            const { state, error } = (answer ?? {}) as { state?: string; error?: string };
            return error ? `Reprocessed: ${state ?? "failed"}. ${error}` : `Reprocessed: ${state ?? "done"}.`;
          })}>
        {pending ? "Reprocessing…" : "Reprocess event"}
      </Button>
      <ActionMessages error={error} done={done} />
    </div>
  );
}
