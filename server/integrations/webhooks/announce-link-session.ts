import "server-only";
import { prisma } from "@/server/db/client";
import type { EndedStatus } from "@/server/hosted-link/hosted-outcome";
import type { IntegrationEventType } from "@/lib/integrations/webhook-event-types";
import { emitAccountEvents, emitLinkSessionEvent } from "./emit-events";

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
