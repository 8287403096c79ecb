import "server-only";
import { prisma } from "@/server/db/client";
import type { EndedStatus } from "@/server/hosted-link/hosted-outcome";
import type { IntegrationEventType } from "@/lib/integrations/webhook-event-types";
import { emitAccountEvents, emitLinkSessionEvent } from "./emit-events";

/** The event each way a link session ends is announced with. */
const EVENT_OF: Record<EndedStatus, IntegrationEventType> = {
  succeeded: "link_session.succeeded",
  cancelled: "link_session.cancelled",
  failed: "link_session.failed",
  // An attempt left until it ran out failed, as far as the integrator can act on it (error: session_expired).
  expired: "link_session.failed",
};

/**
 * Tells the integration that minted a hosted link how it ended, and which accounts it linked
 * (account.linked), in one transaction. Each is written once however often the session is
 * completed again; the webhook sweeper sends them.
 */
export async function announceLinkSessionEnd(linkSessionId: string, outcome: { status: EndedStatus; error: string | null }): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await emitLinkSessionEvent(tx, linkSessionId, EVENT_OF[outcome.status], outcome.error);
    if (outcome.status !== "succeeded") return;
    const accounts = await tx.linkedAccount.findMany({ where: { linkSessionId }, select: { id: true } });
    await emitAccountEvents(tx, accounts.map((a) => a.id), ["account.linked"], { once: true });
  });
}

/**
 * Link sessions of integrations with webhook endpoints that ended in the last day without being
 * announced: completed by Stripe's webhook or by reconcile after the person closed the tab, or
 * whose announcement failed. Given a minute for the page's own completion; run by every
 * instance's attempt sweeper (the event's dedupe key keeps it to one announcement).
 */
export async function announceMissedLinkSessions(now = new Date(), limit = 100): Promise<number> {
  const missed = await prisma.$queryRaw<{ id: string; status: EndedStatus; errorCode: string | null }[]>`
    SELECT ls.id, ls.status, ls."errorCode"
      FROM "LinkSession" ls
      JOIN "LinkToken" t ON t."linkSessionId" = ls.id
      JOIN "ApiKey" k ON k.id = t."apiKeyId"
     WHERE ls."createdAt" > ${new Date(now.getTime() - 24 * 3600_000)}
       AND ls.status <> 'pending' AND ls."completedAt" <= ${new Date(now.getTime() - 60_000)}
       AND EXISTS (SELECT 1 FROM "IntegrationWebhookEndpoint" e WHERE e."integrationId" = k."integrationId" AND e."disabledAt" IS NULL)
       AND NOT EXISTS (
         SELECT 1 FROM "IntegrationEvent" ev
          WHERE ev."dedupeKey" = k."integrationId" || ':' || (${JSON.stringify(EVENT_OF)}::jsonb ->> ls.status::text) || ':' || ls.id)
     LIMIT ${limit}`;
  for (const session of missed) await announceLinkSessionEnd(session.id, { status: session.status, error: session.errorCode });
  return missed.length;
}
