import "server-only";
import { prisma } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/prisma/client";
import type { IntegrationEventType } from "@/lib/integrations/webhook-event-types";
import { FIRST_TRY_SECONDS, kickWebhookSender } from "./deliver-webhooks";

type Db = Prisma.TransactionClient | typeof prisma;

// Events are written by the transaction that makes the change they report (an outbox), each in
// one statement that finds the integration through the link the account came from (its link
// session's token and that token's key): an account a person linked themself, or through another
// integration, belongs to no integration here, and the statement inserts nothing. Every enabled
// endpoint of the integration gets a delivery row in the same statement; this instance sends
// them a moment later (kickWebhookSender), the sweepers of any instance if it cannot.

/** The statement's tail: one delivery per enabled endpoint that takes the event's type, this instance's to try first. */
const DELIVERIES = Prisma.sql`
  INSERT INTO "IntegrationWebhookDelivery" (id, "eventId", "endpointId", "nextAttemptAt")
  SELECT 'whd_' || replace(gen_random_uuid()::text, '-', ''), ev.id, e.id, now() + make_interval(secs => ${FIRST_TRY_SECONDS})
    FROM ev JOIN "IntegrationWebhookEndpoint" e ON e."integrationId" = ev."integrationId"
   WHERE e."disabledAt" IS NULL AND (cardinality(e."enabledEvents") = 0 OR ev.type = ANY(e."enabledEvents"))`;

/**
 * Events about accounts, one per account and type, for the integration that linked it: `data`
 * holds the account, its link session and the user's external id. With `once`, an account's
 * event of that type is written only the first time (account.linked, however often its link
 * session is completed).
 */
export async function emitAccountEvents(db: Db, accountIds: string[], types: IntegrationEventType[], options: { once?: boolean } = {}): Promise<void> {
  if (accountIds.length === 0 || types.length === 0) return;
  const deliveries = await db.$executeRaw`
    WITH ev AS (
      INSERT INTO "IntegrationEvent" (id, "integrationId", type, data, "dedupeKey")
      SELECT 'evt_' || replace(gen_random_uuid()::text, '-', ''), eu.namespace, t.type,
             jsonb_build_object('account_id', a.id, 'link_session_id', a."linkSessionId", 'user', jsonb_build_object('external_id', eu."externalId")),
             CASE WHEN ${options.once ?? false} THEN eu.namespace || ':' || t.type || ':' || a.id END
        FROM "LinkedAccount" a
        JOIN "LinkToken" lt ON lt."linkSessionId" = a."linkSessionId"
        JOIN "ApiKey" k ON k.id = lt."apiKeyId"
        JOIN "ExternalUser" eu ON eu."userId" = a."userId" AND eu.namespace = k."integrationId"
        CROSS JOIN unnest(${types}::text[]) WITH ORDINALITY AS t(type, n)
       WHERE a.id = ANY(${accountIds}::text[])
       ORDER BY a.id, t.n
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING id, "integrationId", type)
    ${DELIVERIES}`;
  if (deliveries > 0) kickWebhookSender();
}

/**
 * A link session ended: `link_session.succeeded|cancelled|failed` for the integration that
 * minted it, each type once per link session (a cancelled session completed again later can
 * still succeed, and says so).
 */
export async function emitLinkSessionEvent(db: Db, linkSessionId: string, type: IntegrationEventType, error: string | null): Promise<void> {
  const deliveries = await db.$executeRaw`
    WITH ev AS (
      INSERT INTO "IntegrationEvent" (id, "integrationId", type, data, "dedupeKey")
      SELECT 'evt_' || replace(gen_random_uuid()::text, '-', ''), eu.namespace, ${type},
             jsonb_build_object('link_session_id', lt."linkSessionId", 'error', ${error}::text, 'user', jsonb_build_object('external_id', eu."externalId")),
             eu.namespace || ':' || ${type} || ':' || lt."linkSessionId"
        FROM "LinkToken" lt
        JOIN "ApiKey" k ON k.id = lt."apiKeyId"
        JOIN "ExternalUser" eu ON eu."userId" = lt."userId" AND eu.namespace = k."integrationId"
       WHERE lt."linkSessionId" = ${linkSessionId}
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING id, "integrationId", type)
    ${DELIVERIES}`;
  if (deliveries > 0) kickWebhookSender();
}

/** An event about one of the integration's users as a whole (`user.deleted`). */
export async function emitUserEvent(db: Db, integrationId: string, externalId: string, type: IntegrationEventType): Promise<void> {
  const deliveries = await db.$executeRaw`
    WITH ev AS (
      INSERT INTO "IntegrationEvent" (id, "integrationId", type, data)
      VALUES ('evt_' || replace(gen_random_uuid()::text, '-', ''), ${integrationId}, ${type}, jsonb_build_object('user', jsonb_build_object('external_id', ${externalId}::text)))
      RETURNING id, "integrationId", type)
    ${DELIVERIES}`;
  if (deliveries > 0) kickWebhookSender();
}
