"use client";

import { Button } from "@/components/ui/button";
import { ActionMessages, useAdminAction } from "./use-admin-action";

type Feature = { feature: "balance" | "ownership" | "transactions"; label: string; allowed: boolean };

export function RefreshButtons({ accountId, features }: { accountId: string; features: Feature[] }) {
  const { run, pending, error, done } = useAdminAction();
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {features.map((f) => (
          <Button
            key={f.feature}
            variant="secondary"
            disabled={pending || !f.allowed}
            title={f.allowed ? undefined : "Not shared by the owner, or the account is not active"}
            onClick={() => run(`/api/admin/accounts/${accountId}/refresh`, { feature: f.feature }, `${f.label} refresh requested.`)}
          >
            Refresh {f.label.toLowerCase()}
          </Button>
        ))}
      </div>
      <ActionMessages error={error} done={done} />
    </div>
  );
}
