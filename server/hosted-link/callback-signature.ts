import "server-only";
import { createHmac } from "node:crypto";
import { authSecret } from "@/server/env";

/**
 * The secret an integrator verifies our callbacks with. Derived from the app secret and the
 * key's id rather than stored, so a database dump alone cannot forge a callback.
 */
export function webhookSigningSecret(apiKeyId: string): string {
  return `lwwh_${createHmac("sha256", authSecret()).update(`linkwell:hosted-link:webhook:${apiKeyId}`).digest("base64url")}`;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, the same scheme as Stripe's. */
export function signCallback(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}
