// POST /api/admin/webhook-events/:id/reprocess - run a stored Stripe event through the handlers again
import { NextResponse } from "next/server";
import { reprocessEvent } from "@/lib/admin/reprocess-event";
import { requireAdminApi } from "@/lib/admin/require-admin-api";
import { withErrors } from "@/lib/http/api-error";
import { reprocessWebhookEvent } from "@/lib/webhooks/reprocess-webhook-event";

type Context = { params: Promise<{ id: string }> };

export const POST = withErrors(async (_request: Request, context: Context) => {
  const admin = await requireAdminApi();
  const { id } = await context.params;
  // A handler failure is an answer here, not an error: the event stays failed, with its message.
  const result = await reprocessEvent(admin, id, reprocessWebhookEvent);
  return NextResponse.json({ id, state: result.state, ...(result.error && { error: result.error }) });
});
