import "server-only";
import { createHmac } from "node:crypto";
import { authSecret } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import type { LinkOutcome } from "./redirect-uri";

/** Waits before each delivery attempt: at once, then 2 s, 10 s, 60 s. */
const BACKOFF_MS = [0, 2_000, 10_000, 60_000];
const TIMEOUT_MS = 5_000;

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

/**
 * Tells the integrator's webhook URL, if it has one, that a link session ended. Fire and
 * forget: retried in this process with backoff on an error or a non-2xx answer. Delivery is at
 * least once (a repeated completion sends again), and the body carries no account data: the
 * integrator reads that with GET /api/link-sessions/<id>.
 */
export function notifyIntegrator(token: { apiKeyId: string | null; webhookUrl: string | null; linkSessionId: string; state: string | null }, status: LinkOutcome): void {
  if (!token.apiKeyId || !token.webhookUrl) return;
  const url = token.webhookUrl;
  // Logged without its query string, where integrators sometimes put a token.
  const callback = url.split("?")[0];
  const body = JSON.stringify({ type: "link_session.completed", link_session_id: token.linkSessionId, status, state: token.state });
  const secret = webhookSigningSecret(token.apiKeyId);
  void (async () => {
    for (const [attempt, wait] of BACKOFF_MS.entries()) {
      if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", "linkwell-signature": signCallback(secret, body, Math.floor(Date.now() / 1000)) },
          body,
          redirect: "manual",
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        if (response.ok) return;
        logger("hosted-link").warn({ callback, status: response.status, attempt: attempt + 1 }, "integrator callback refused");
      } catch (error) {
        logger("hosted-link").warn({ callback, attempt: attempt + 1, err: error }, "integrator callback failed");
      }
    }
  })();
}
