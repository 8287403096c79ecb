// POST /api/admin/api-keys - an admin creates an integrator API key (secret shown once, audited)
import { NextResponse } from "next/server";
import { createApiKey } from "@/lib/api-keys/manage-api-keys";
import { requireAdminApi } from "@/lib/admin/require-admin-api";
import { readJson, withErrors } from "@/lib/http/api-error";

export const POST = withErrors(async (request: Request) => {
  const admin = await requireAdminApi();
  const key = await createApiKey(admin, await readJson(request));
  return NextResponse.json(
    {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      secret: key.secret,
      redirect_uris: key.redirectUris,
      webhook_url: key.webhookUrl,
      mints_per_minute: key.mintsPerMinute,
      webhook_secret: key.webhookSecret,
    },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
});
