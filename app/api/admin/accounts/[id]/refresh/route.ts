// POST /api/admin/accounts/:id/refresh - an admin asks Stripe to refresh balance, ownership or transactions
import { NextResponse } from "next/server";
import { adminRefreshAccount, refreshInput } from "@/lib/admin/account-actions";
import { requireAdminApi } from "@/lib/admin/require-admin-api";
import { parseInput } from "@/lib/errors/parse-input";
import { readJson, withErrors } from "@/lib/http/api-error";

type Context = { params: Promise<{ id: string }> };

export const POST = withErrors(async (request: Request, context: Context) => {
  const admin = await requireAdminApi();
  const { id } = await context.params;
  const { feature } = parseInput(refreshInput, await readJson(request));
  await adminRefreshAccount(admin, id, feature);
  return NextResponse.json({ id, feature, status: "pending" }, { status: 202 });
});
