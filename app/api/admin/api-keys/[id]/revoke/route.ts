// POST /api/admin/api-keys/:id/revoke - an admin revokes an API key at once (audited)
import { NextResponse } from "next/server";
import { requireAdminApi } from "@/lib/admin/require-admin-api";
import { revokeApiKey, revokeApiKeyInput } from "@/lib/api-keys/manage-api-keys";
import { parseInput } from "@/lib/errors/parse-input";
import { readJson, withErrors } from "@/lib/http/api-error";

type Context = { params: Promise<{ id: string }> };

export const POST = withErrors(async (request: Request, context: Context) => {
  const admin = await requireAdminApi();
  const { id } = await context.params;
  const { reason } = parseInput(revokeApiKeyInput, await readJson(request));
  const result = await revokeApiKey(admin, id, reason);
  return NextResponse.json({ id: result.id, revoked_at: result.revokedAt?.toISOString() ?? null, changed: result.changed });
});
