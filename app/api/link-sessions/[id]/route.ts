// GET /api/link-sessions/:id - an integrator's backend (API key) reads the outcome of a link it minted
import { NextResponse } from "next/server";
import { assertScope, requireApiKey } from "@/server/auth/guards";
import { getLinkSessionForKey } from "@/server/hosted-link/get-link-session-for-key";
import { withErrors } from "@/server/http/api-error";

type Context = { params: Promise<{ id: string }> };

export const GET = withErrors(async (request: Request, context: Context) => {
  const key = await requireApiKey(request);
  assertScope(key, "read");
  const { id } = await context.params;
  return NextResponse.json(await getLinkSessionForKey(key, id), { headers: { "Cache-Control": "no-store" } });
});
