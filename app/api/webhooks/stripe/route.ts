// POST /api/webhooks/stripe - Stripe's signed event deliveries: verify, store once, answer;
// the queue (server/webhooks/webhook-queue.ts) applies them.
import { NextResponse } from "next/server";
import { jsonError, readBodyText, toErrorResponse } from "@/server/http/api-error";
import { logger } from "@/server/log/logger";
import { withRequestContext } from "@/server/log/request-context";
import { ingestWebhookEvent } from "@/server/webhooks/ingest-webhook-event";
import { verifyWebhook } from "@/server/webhooks/verify-webhook";

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

    // Stored is safe: from here the queue applies it, retrying with backoff, so Stripe need not.
    const result = await ingestWebhookEvent(verified.event);
    return NextResponse.json({ received: true, state: result.state, duplicate: result.duplicate }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
});
