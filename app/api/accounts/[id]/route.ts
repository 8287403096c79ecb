// GET /api/accounts/:id - the account's current state, for the page's polling while a refresh is pending
import { NextResponse } from "next/server";
import { getAccountState } from "@/server/accounts/get-account-state";
import { requireApiUser } from "@/server/auth/guards";
import { withErrors } from "@/server/http/api-error";

export const GET = withErrors(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireApiUser();
  const { id } = await context.params;
  return NextResponse.json(await getAccountState(user.id, id), { headers: { "Cache-Control": "no-store" } });
});
