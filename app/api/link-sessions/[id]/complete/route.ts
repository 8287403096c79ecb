// POST /api/link-sessions/:id/complete - the modal closed: store the session's accounts, read from Stripe
import { NextResponse } from "next/server";
import { requireApiUser } from "@/server/auth/guards";
import { withErrors } from "@/server/http/api-error";
import { completeLinkSession } from "@/server/linking/complete-link-session";
import { admit } from "@/server/http/admission";

export const POST = withErrors(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireApiUser();
  const { id } = await context.params;
  const result = await admit("linking", () => completeLinkSession(user.id, id));
  return NextResponse.json(result);
});
