// Stripe's webhooks as stored: only events whose signature verified are ever stored, so the
// latest stored one is the latest verified delivery.
import { formatDistanceStrict } from "date-fns";
import { prisma } from "@/server/db/client";
import { check, type DeploymentCheck, type DoctorContext } from "./check";
import { keyMode } from "@/server/stripe/client";

/** An event still "received" this long after arriving was cut off mid-processing. */
const STUCK_AFTER_MS = 60 * 60 * 1000;
const FAILED_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export async function checkLatestWebhook(ctx: DoctorContext): Promise<DeploymentCheck> {
  const latest = await prisma.webhookEvent.findFirst({ orderBy: { receivedAt: "desc" }, select: { type: true, receivedAt: true, livemode: true } });
  const endpoint = `${ctx.env.NEXTAUTH_URL ? new URL(ctx.env.NEXTAUTH_URL).origin : "<your URL>"}/api/webhooks/stripe`;
  if (!latest) {
    return check(
      "webhooks.latest",
      "Latest verified webhook",
      "warn",
      "No verified event has been received yet.",
      `Add the endpoint ${endpoint} in Stripe's dashboard (Financial Connections, SetupIntent, mandate and payment method events: see README, STRIPE_WEBHOOK_SECRET) and send it a test event.`,
    );
  }
  const when = `${latest.type} at ${latest.receivedAt.toISOString()} (${formatDistanceStrict(latest.receivedAt, ctx.now)} ago)`;
  const keyLive = keyMode(ctx.env.STRIPE_SECRET_KEY) === "live";
  if (latest.livemode !== keyLive) {
    return check(
      "webhooks.latest",
      "Latest verified webhook",
      "warn",
      `Latest verified event: ${when}, but it is ${latest.livemode ? "live" : "test"}-mode while the secret key is ${keyLive ? "live" : "test"}-mode.`,
      `Point a ${keyLive ? "live" : "test"}-mode endpoint in Stripe's dashboard at ${endpoint}.`,
    );
  }
  return check("webhooks.latest", "Latest verified webhook", "pass", `Latest verified event: ${when}.`);
}

export async function checkWebhookProcessing(ctx: DoctorContext): Promise<DeploymentCheck> {
  const [stuck, failed, lastFailed] = await Promise.all([
    prisma.webhookEvent.count({ where: { state: "received", receivedAt: { lt: new Date(ctx.now.getTime() - STUCK_AFTER_MS) } } }),
    prisma.webhookEvent.count({ where: { state: "failed", receivedAt: { gte: new Date(ctx.now.getTime() - FAILED_WINDOW_MS) } } }),
    prisma.webhookEvent.findFirst({ where: { state: "failed" }, orderBy: { receivedAt: "desc" }, select: { type: true } }),
  ]);
  if (stuck > 0) {
    return check(
      "webhooks.processing",
      "Webhook processing",
      "fail",
      `${stuck} event${stuck === 1 ? " has" : "s have"} waited over an hour unprocessed${failed ? `, and ${failed} failed in the last 7 days` : ""}.`,
      "Open Admin > Webhook events (state: received), read the server log for the cause, and reprocess them.",
    );
  }
  if (failed > 0) {
    return check(
      "webhooks.processing",
      "Webhook processing",
      "warn",
      `${failed} event${failed === 1 ? "" : "s"} failed in the last 7 days (latest: ${lastFailed?.type ?? "unknown"}).`,
      "Open Admin > Webhook events (state: failed), fix the cause shown, and reprocess them.",
    );
  }
  return check("webhooks.processing", "Webhook processing", "pass", "No failed events in the last 7 days and none stuck.");
}
