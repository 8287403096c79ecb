// POST /api/accounts/:id/refresh - ask the bank for fresh balance, ownership or transactions
import { NextResponse } from "next/server";
import { z } from "zod";
import { REFRESH_FEATURES, refreshAccount } from "@/lib/accounts/refresh-account";
import { requireApiUser } from "@/lib/auth/require-api-user";
import { parseInput } from "@/lib/errors/parse-input";
import { readJson, withErrors } from "@/lib/http/api-error";

const input = z.object({ feature: z.enum(REFRESH_FEATURES, { error: `must be one of ${REFRESH_FEATURES.join(", ")}` }) });

export const POST = withErrors(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireApiUser();
  const { id } = await context.params;
  const { feature } = parseInput(input, await readJson(request));
  await refreshAccount({ userId: user.id }, id, feature);
  return NextResponse.json({ ok: true, feature, status: "pending" }, { status: 202 });
});
