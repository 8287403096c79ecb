import "server-only";
import { prisma } from "@/server/db/client";
import { env } from "@/server/env";
import { refundRateLimit } from "@/server/http/rate-limit";
import { logger } from "@/server/log/logger";
import { RESUME_GRACE_MS } from "./config";
import type { EndedStatus } from "./hosted-outcome";
import { announceMissedLinkSessions } from "@/server/integrations/webhooks/announce-link-session";
import { notifyIntegrator } from "./notify-integrator";

type Ended = { id: string; userId: string; createdAt: Date; apiKeyId: string | null; state: string | null; webhookUrl: string | null };

/**
 * Ends hosted attempts that were opened and then left past their lifetime (the token's expiry
 * plus the resume grace, when the resume value stops working too): stored as expired with
 * reason session_expired, the integrator's callback queued, and the person's link-session
 * rate-limit point given back. One UPDATE claims each row, so two instances never end one
 * twice. Returns the link session ids it ended.
 */
export async function expireAbandonedAttempts(now = new Date(), limit = 100): Promise<string[]> {
  const cutoff = new Date(now.getTime() - RESUME_GRACE_MS);
  const ended = await prisma.$queryRaw<Ended[]>`
    WITH due AS (
      SELECT ls.id FROM "LinkSession" ls
        JOIN "LinkToken" t ON t."linkSessionId" = ls.id
       WHERE ls.status = 'pending' AND t."expiresAt" <= ${cutoff}
       ORDER BY t."expiresAt"
       LIMIT ${limit}
       FOR UPDATE OF ls SKIP LOCKED)
    UPDATE "LinkSession" ls
       SET status = 'expired', "errorCode" = 'session_expired', "completedAt" = ${now}
      FROM due, "LinkToken" t LEFT JOIN "ApiKey" k ON k.id = t."apiKeyId"
     WHERE ls.id = due.id AND t."linkSessionId" = ls.id
    RETURNING ls.id, ls."userId", ls."createdAt", t."apiKeyId", t.state, CASE WHEN k."revokedAt" IS NULL THEN k."webhookUrl" END AS "webhookUrl"`;
  for (const attempt of ended) {
    await notifyIntegrator({ ...attempt, linkSessionId: attempt.id }, { status: "expired", error: "session_expired" });
    await refundRateLimit("link-session", attempt.userId, env().LINK_SESSIONS_PER_MINUTE, 60, attempt.createdAt).catch((error: unknown) =>
      logger("hosted-link").warn({ err: error }, "could not give back a rate-limit point"),
    );
  }
  return ended.map((a) => a.id);
}

type Unsent = { id: string; status: EndedStatus; errorCode: string | null; apiKeyId: string; state: string | null; webhookUrl: string };

/**
 * Callbacks for hosted attempts that ended without the page: completed by Stripe's
 * account.created webhook or by `npm run reconcile` after the person closed the tab. Given a
 * minute for the page's own completion to queue it; looks back a day.
 */
export async function queueMissedCallbacks(now = new Date(), limit = 100): Promise<string[]> {
  const unsent = await prisma.$queryRaw<Unsent[]>`
    SELECT ls.id, ls.status, ls."errorCode", t."apiKeyId", t.state, k."webhookUrl"
      FROM "LinkSession" ls
      JOIN "LinkToken" t ON t."linkSessionId" = ls.id
      JOIN "ApiKey" k ON k.id = t."apiKeyId"
     WHERE ls."createdAt" > ${new Date(now.getTime() - 24 * 3600_000)}
       AND ls.status <> 'pending' AND ls."completedAt" <= ${new Date(now.getTime() - 60_000)}
       AND k."webhookUrl" IS NOT NULL AND k."revokedAt" IS NULL
       AND NOT EXISTS (SELECT 1 FROM "IntegratorCallback" c WHERE c."linkSessionId" = ls.id)
     LIMIT ${limit}`;
  for (const session of unsent) {
    await notifyIntegrator({ ...session, linkSessionId: session.id }, { status: session.status, error: session.errorCode });
  }
  return unsent.map((s) => s.id);
}

const timers = globalThis as typeof globalThis & { __attemptSweeper?: NodeJS.Timeout };

/** Started once per server process (instrumentation.ts), beside the callback sweeper: these jobs every 15 s. */
export function startAbandonedAttemptSweeper(intervalMs = 15_000): void {
  if (timers.__attemptSweeper) return;
  timers.__attemptSweeper = setInterval(() => {
    expireAbandonedAttempts()
      .then(() => queueMissedCallbacks())
      .then(() => announceMissedLinkSessions())
      .catch((error: unknown) => logger("hosted-link").warn({ err: error }, "abandoned attempt sweep failed"));
  }, intervalMs);
  timers.__attemptSweeper.unref();
}
