import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { getOverviewCounts } from "@/lib/admin/overview-counts";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireAdmin("/admin");
  const counts = await getOverviewCounts();
  const tiles = [
    { label: "Users", value: counts.users },
    { label: "Admins", value: counts.admins },
    { label: "Linked accounts", value: counts.linkedAccounts },
  ];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Admin overview</h1>
      <div className="grid gap-4 sm:grid-cols-3">
        {tiles.map((t) => (
          <Card key={t.label}>
            <p className="text-sm text-slate-500">{t.label}</p>
            <p className="mt-1 text-3xl font-semibold tabular-nums">{t.value.toLocaleString("en-US")}</p>
          </Card>
        ))}
      </div>
    </div>
  );
}
