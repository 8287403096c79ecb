// POST /api/accounts/:id/disconnect - the owner stops sharing this account (disconnects at Stripe)
import { NextResponse } from "next/server";
import { disconnectAccount } from "@/lib/accounts/disconnect-account";
import { requireApiUser } from "@/lib/auth/require-api-user";
import { withErrors } from "@/lib/http/api-error";

export const POST = withErrors(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireApiUser();
  const { id } = await context.params;
  const account = await disconnectAccount({ kind: "user", userId: user.id }, id);
  return NextResponse.json({ id: account.id, status: account.status });
});
