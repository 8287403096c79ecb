import "server-only";
import { prisma } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import { announceLinkSessionEnd } from "@/server/integrations/webhooks/announce-link-session";
import { deliverCallback } from "./deliver-callbacks";
import type { EndedStatus } from "./hosted-outcome";

/**
 * Tells the integration that a link session ended: its webhook endpoints through events
 * (announce-link-session.ts), and the key's own callback URL, if it has one (the older form). The callback is
 * stored first and tried at once; failures are retried with backoff by whichever instance's
 * sweeper gets there (see deliver-callbacks.ts), so a restart loses nothing. The body carries no
 * account data: the integrator reads that with GET /api/link-sessions/<id>.
 */
export async function notifyIntegrator(
  token: { apiKeyId: string | null; webhookUrl: string | null; linkSessionId: string; state: string | null },
  ended: EndedStatus | { status: EndedStatus; error: string | null },
): Promise<void> {
  if (!token.apiKeyId) return;
  const outcome = typeof ended === "string" ? { status: ended, error: null } : ended;
  // A failure here must not cost the callback or the caller's batch: the attempt sweeper announces what was missed.
  await announceLinkSessionEnd(token.linkSessionId, outcome).catch((error: unknown) => logger("hosted-link").warn({ err: error }, "link session end not announced yet"));
  if (!token.webhookUrl) return;
  const body = JSON.stringify({
    type: "link_session.completed",
    link_session_id: token.linkSessionId,
    status: outcome.status,
    error: outcome.error,
    state: token.state,
  });
  const [queued] = await prisma.integratorCallback.createManyAndReturn({
    data: [{ apiKeyId: token.apiKeyId, linkSessionId: token.linkSessionId, url: token.webhookUrl, body }],
    skipDuplicates: true, // a repeated completion: the first one's callback stands
    select: { id: true },
  });
  // The first try runs in the background: the user's redirect does not wait for the integrator.
  if (queued) void deliverCallback(queued.id);
}
