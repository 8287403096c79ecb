import "server-only";
import Stripe from "stripe";
import { env } from "@/server/env";

/**
 * Stripe's default: a delivery signed more than five minutes ago is refused (replay protection),
 * and so is one signed more than five minutes ahead of this server's clock (stripe-node checks
 * only the past: a future timestamp would make a captured delivery replayable for that long).
 */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type VerifyResult =
  | { ok: true; event: Stripe.Event }
  | { ok: false; reason: "not_configured" | "missing_signature" | "malformed_signature" | "expired_timestamp" | "future_timestamp" | "no_matching_signature" | "invalid_payload" };

/** The configured signing secrets: several, comma-separated, while a secret is being rotated. */
export function webhookSecrets(): string[] {
  return (env().STRIPE_WEBHOOK_SECRET ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Checks the `Stripe-Signature` header over the raw body with each configured secret and
 * returns the parsed event from the first that matches. The reason of a refusal is for the
 * log only; it never names a secret.
 */
export function verifyWebhook(rawBody: string, signature: string | null, secrets = webhookSecrets(), now = Date.now()): VerifyResult {
  if (secrets.length === 0) return { ok: false, reason: "not_configured" };
  if (!signature) return { ok: false, reason: "missing_signature" };
  const timestamp = signedTimestamp(signature);
  if (timestamp !== null && timestamp - Math.floor(now / 1000) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: "future_timestamp" };
  let reason: Exclude<VerifyResult, { ok: true }>["reason"] = "no_matching_signature";
  for (const secret of secrets) {
    try {
      const event = Stripe.webhooks.constructEvent(rawBody, signature, secret, SIGNATURE_TOLERANCE_SECONDS);
      if (!event || typeof event.id !== "string" || typeof event.type !== "string") return { ok: false, reason: "invalid_payload" };
      return { ok: true, event };
    } catch (error) {
      const message = error instanceof Error ? error.message : "";
      if (message.includes("tolerance")) reason = "expired_timestamp";
      else if (message.includes("Unable to extract") || message.includes("expected scheme")) reason = "malformed_signature";
      else if (error instanceof SyntaxError) return { ok: false, reason: "invalid_payload" };
    }
  }
  return { ok: false, reason };
}

/** The `t=` of a Stripe-Signature header, or null when there is none (constructEvent then says why). */
function signedTimestamp(header: string): number | null {
  const item = header.split(",").find((part) => part.trim().startsWith("t="));
  const value = item ? Number(item.trim().slice(2)) : NaN;
  return Number.isFinite(value) ? value : null;
}
