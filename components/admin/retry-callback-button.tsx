"use client";

import { Button } from "@/components/ui/button";
import { ActionMessages, useAdminAction } from "./use-admin-action";

export function RetryCallbackButton({ callbackId }: { callbackId: string }) {
  const { run, pending, error, done } = useAdminAction();
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          run(`/api/admin/integrator-callbacks/${callbackId}/retry`, {}, (answer) => {
            const { state, error } = (answer ?? {}) as { state?: string; error?: string };
            return state === "delivered" ? "Delivered." : { error: `Not delivered: ${error ?? state ?? "unknown"}.` };
          })
        }
      >
        {pending ? "Sending…" : "Retry now"}
      </Button>
      <ActionMessages error={error} done={done} />
    </div>
  );
}
