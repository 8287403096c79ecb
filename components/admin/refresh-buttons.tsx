"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { refreshAccountAsAdmin } from "@/server/admin/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";

type Feature = { feature: "balance" | "ownership" | "transactions"; label: string; allowed: boolean };

/** One form, one button per feature: the pressed button's name/value says which to refresh. */
export function RefreshButtons({ accountId, features }: { accountId: string; features: Feature[] }) {
  const [state, formAction] = useActionState(refreshAccountAsAdmin, IDLE);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="accountId" value={accountId} />
      <div className="flex flex-wrap gap-2">
        {features.map((f) => (
          <SubmitButton
            key={f.feature}
            name="feature"
            value={f.feature}
            variant="secondary"
            disabled={!f.allowed}
            title={f.allowed ? undefined : "Not shared by the owner, or the account is not active"}
          >
            Refresh {f.label.toLowerCase()}
          </SubmitButton>
        ))}
      </div>
      <ActionMessage state={state} />
    </form>
  );
}
