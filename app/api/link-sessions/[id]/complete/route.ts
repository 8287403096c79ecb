// POST /api/link-sessions/:id/complete - the modal closed: store the session's accounts, read from Stripe
import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/require-api-user";
import { withErrors } from "@/lib/http/api-error";
import { completeLinkSession } from "@/lib/linking/complete-link-session";

export const POST = withErrors(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireApiUser();
  const { id } = await context.params;
  const result = await completeLinkSession(user.id, id);
  return NextResponse.json(result);
});
