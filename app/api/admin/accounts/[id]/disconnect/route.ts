// POST /api/admin/accounts/:id/disconnect - an admin disconnects any account, with a required reason
import { NextResponse } from "next/server";
import { adminDisconnectAccount, disconnectInput } from "@/lib/admin/account-actions";
import { requireAdminApi } from "@/lib/admin/require-admin-api";
import { parseInput } from "@/lib/errors/parse-input";
import { readJson, withErrors } from "@/lib/http/api-error";

type Context = { params: Promise<{ id: string }> };

export const POST = withErrors(async (request: Request, context: Context) => {
  const admin = await requireAdminApi();
  const { id } = await context.params;
  const { reason } = parseInput(disconnectInput, await readJson(request));
  const account = await adminDisconnectAccount(admin, id, reason);
  return NextResponse.json({ id: account.id, status: account.status });
});
