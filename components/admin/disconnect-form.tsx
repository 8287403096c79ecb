"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ActionMessages, useAdminAction } from "./use-admin-action";

const MAX = 500;

/**
 * Disconnect with a required reason; the form opens first, so one stray click does nothing.
 * It also shows the disconnected state, so its "Account disconnected." survives the re-render
 * that the action triggers (a component swapped in by the page would lose it at once).
 */
export function DisconnectForm({ accountId, disconnected }: { accountId: string; disconnected: boolean }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const { run, pending, error, done } = useAdminAction();
  const id = useId();

  if (disconnected) {
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-600">This account is disconnected.</p>
        <ActionMessages error={error} done={done} />
      </div>
    );
  }
  if (!open) {
    return (
      <div className="space-y-3">
        <Button variant="secondary" className="text-red-700" onClick={() => setOpen(true)}>
          Disconnect…
        </Button>
        <ActionMessages error={error} done={done} />
      </div>
    );
  }
  return (
    <form
      className="space-y-3"
      onSubmit={async (event) => {
        event.preventDefault();
        if (await run(`/api/admin/accounts/${accountId}/disconnect`, { reason }, "Account disconnected.")) {
          setOpen(false);
          setReason("");
        }
      }}
    >
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-900">
          Reason for disconnecting
        </label>
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          Stored in the audit log and the account&apos;s history. The owner loses access to this link.
        </p>
        <textarea
          id={id}
          name="reason"
          required
          maxLength={MAX}
          rows={3}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-describedby={`${id}-hint ${id}-count`}
          className="mt-2 block w-full rounded-lg border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600"
          autoFocus
        />
        <p id={`${id}-count`} className="mt-1 text-right text-xs text-slate-500">
          {reason.length}/{MAX}
        </p>
      </div>
      <ActionMessages error={error} done={null} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" disabled={pending || reason.trim().length === 0}>
          {pending ? "Disconnecting…" : "Disconnect account"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
