import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { IconBadge } from "@/components/ui/icon-badge";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage() {
  const user = await requireUser("/accounts");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Your bank accounts</h1>
        <p className="mt-1 text-sm text-slate-600">Signed in as {user.email}</p>
      </div>
      <Card className="py-12 text-center">
        <IconBadge icon="bank" />
        <h2 className="mt-4 text-lg font-semibold">No bank accounts linked yet</h2>
        <p className="mx-auto mt-2 max-w-sm text-sm text-slate-600">
          Linked accounts will show here with their balances, transactions and owners.
        </p>
      </Card>
    </div>
  );
}
