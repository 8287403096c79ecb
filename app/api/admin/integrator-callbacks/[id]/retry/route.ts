// POST /api/admin/integrator-callbacks/:id/retry - send an undelivered integrator callback again now
import { NextResponse } from "next/server";
import { retryIntegratorCallback } from "@/lib/admin/integrator-callbacks";
import { requireAdminApi } from "@/lib/admin/require-admin-api";
import { withErrors } from "@/lib/http/api-error";

type Context = { params: Promise<{ id: string }> };

export const POST = withErrors(async (_request: Request, context: Context) => {
  const admin = await requireAdminApi();
  const { id } = await context.params;
  // A refused delivery is an answer here, not an error: the callback stays undelivered, with its reason.
  return NextResponse.json(await retryIntegratorCallback(admin, id));
});
