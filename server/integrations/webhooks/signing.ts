import "server-only";
import { createHmac } from "node:crypto";
import { authSecret } from "@/server/env";

/** The header every integrator webhook carries: `t=<unix seconds>,v1=<hex HMAC-SHA256>`, as Stripe signs its own. */
export const SIGNATURE_HEADER = "Linkwell-Signature";

/**
 * The secret an endpoint's deliveries are signed with, shown to admins (whsec_…). Derived from
 * the app secret and the endpoint's id rather than stored, so a database dump alone cannot
 * forge a webhook; a new endpoint is a new secret.
 */
export function endpointSigningSecret(endpointId: string): string {
  return `whsec_${createHmac("sha256", authSecret()).update(`linkwell:integration-webhook:${endpointId}`).digest("base64url")}`;
}

/** `t=<timestamp>,v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}
