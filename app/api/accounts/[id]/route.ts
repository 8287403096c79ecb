// GET /api/accounts/:id - the account's current state, for the page's polling while a refresh is pending
import { NextResponse } from "next/server";
import { getAccountState } from "@/lib/accounts/get-account-state";
import { requireApiUser } from "@/lib/auth/require-api-user";
import { withErrors } from "@/lib/http/api-error";

export const GET = withErrors(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireApiUser();
  const { id } = await context.params;
  return NextResponse.json(await getAccountState(user.id, id), { headers: { "Cache-Control": "no-store" } });
});
