import "server-only";
import { createHmac } from "node:crypto";
import { authSecret } from "@/server/env";

/** The header the signature travels in, on callbacks and on integrations' webhooks alike. */
export const SIGNATURE_HEADER = "linkwell-signature";

/**
 * A signing secret derived from the app secret and what it is for, rather than stored, so a
 * database dump alone cannot forge a callback or a webhook.
 */
function derivedSecret(prefix: string, purpose: string): string {
  return `${prefix}_${createHmac("sha256", authSecret()).update(`linkwell:${purpose}`).digest("base64url")}`;
}

/** The secret an integrator verifies a key's callbacks with (lwwh_…). */
export function webhookSigningSecret(apiKeyId: string): string {
  return derivedSecret("lwwh", `hosted-link:webhook:${apiKeyId}`);
}

/** The secret a webhook endpoint's deliveries are signed with (whsec_…); a new endpoint is a new secret. */
export function endpointSigningSecret(endpointId: string): string {
  return derivedSecret("whsec", `integration-webhook:${endpointId}`);
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, the same scheme as Stripe's. */
export function signCallback(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}
