// POST /api/webhooks/stripe - Stripe's signed event deliveries: verify, store once, process
import { NextResponse } from "next/server";
import { jsonError, readBodyText, toErrorResponse } from "@/lib/http/api-error";
import { logger } from "@/lib/log/logger";
import { withRequestContext } from "@/lib/log/request-context";
import { ingestWebhookEvent } from "@/lib/webhooks/ingest-webhook-event";
import { verifyWebhook } from "@/lib/webhooks/verify-webhook";

/** Stripe's events are a few KB; anything this large is not one. */
const MAX_BODY_BYTES = 1024 * 1024;

export const POST = withRequestContext(async (request: Request): Promise<Response> => {
  try {
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return jsonError(413, "Payload too large");
    const body = await readBodyText(request);
    if (Buffer.byteLength(body) > MAX_BODY_BYTES) return jsonError(413, "Payload too large");

    const verified = verifyWebhook(body, request.headers.get("stripe-signature"));
    if (!verified.ok) {
      if (verified.reason === "not_configured") {
        logger("webhooks").error("STRIPE_WEBHOOK_SECRET is not set: refusing deliveries until it is");
        return jsonError(503, "Webhooks are not configured on this server");
      }
      // One line, no body and no secret: enough to notice a misconfigured endpoint or a probe.
      logger("webhooks").warn({ reason: verified.reason }, "rejected a delivery");
      return jsonError(400, "Invalid webhook signature");
    }

    const result = await ingestWebhookEvent(verified.event);
    // A failure answers 500 so Stripe retries; the retry processes the stored event again.
    return NextResponse.json(
      { received: true, state: result.state, duplicate: result.duplicate },
      { status: result.state === "failed" ? 500 : 200, headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
});
