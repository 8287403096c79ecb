// POST /api/admin/users/:id/role - promote to admin or demote to user (never the last admin)
import { NextResponse } from "next/server";
import { requireAdminApi } from "@/lib/admin/require-admin-api";
import { roleInput, setUserRole } from "@/lib/admin/users";
import { parseInput } from "@/lib/errors/parse-input";
import { readJson, withErrors } from "@/lib/http/api-error";

type Context = { params: Promise<{ id: string }> };

export const POST = withErrors(async (request: Request, context: Context) => {
  const admin = await requireAdminApi();
  const { id } = await context.params;
  const { role } = parseInput(roleInput, await readJson(request));
  return NextResponse.json(await setUserRole(admin, id, role));
});
