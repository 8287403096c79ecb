import "server-only";
import { prisma } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/prisma/client";
import { decodeCursor, encodeCursor, keysetWhere, param, type SearchParamsRecord } from "@/lib/admin/search-params";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilters = { action?: string; actorId?: string; subjectId?: string; targetId?: string };

export function parseAuditFilters(params: SearchParamsRecord): AuditFilters {
  const id = (key: string) => {
    const value = param(params, key);
    return value && /^[A-Za-z0-9_-]{1,100}$/.test(value) ? value : undefined;
  };
  const action = param(params, "action");
  return {
    action: action && /^[a-z_.]{1,60}$/.test(action) ? action : undefined,
    actorId: id("actor"),
    subjectId: id("subject"),
    targetId: id("target"),
  };
}

/** Who did what to whom, newest first, by keyset on (createdAt, id). */
export async function listAuditLog(filters: AuditFilters, page: { after?: string } = {}) {
  const conditions: Prisma.AuditLogWhereInput[] = [];
  if (filters.action) conditions.push({ action: filters.action });
  if (filters.actorId) conditions.push({ actorId: filters.actorId });
  if (filters.subjectId) conditions.push({ subjectId: filters.subjectId });
  if (filters.targetId) conditions.push({ targetId: filters.targetId });
  const cursor = decodeCursor(page.after);
  const createdAt = cursor?.values[0] ? new Date(cursor.values[0]) : null;
  if (cursor && createdAt && !Number.isNaN(createdAt.getTime())) {
    conditions.push(keysetWhere<Prisma.AuditLogWhereInput>([{ field: "createdAt", value: createdAt }], cursor.id, "desc"));
  }
  const entries = await prisma.auditLog.findMany({
    where: { AND: conditions },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE + 1,
    include: { actor: { select: { id: true, email: true } }, subject: { select: { id: true, email: true } } },
  });
  const rows = entries.slice(0, AUDIT_PAGE_SIZE);
  const last = rows[rows.length - 1];
  return { rows, next: entries.length > AUDIT_PAGE_SIZE && last ? encodeCursor([last.createdAt.toISOString()], last.id) : null };
}

export const AUDIT_ACTIONS = [
  "account.disconnect",
  "account.refresh",
  "user.promote",
  "user.demote",
  "webhook_event.reprocess",
  "api_key.create",
  "api_key.rotate",
  "api_key.revoke",
  "integration.create",
  "integration.redirect_uris",
  "integration.user_erase",
  // Written by the callbacks' "Retry now" (server/hosted-link) since before integrations; was missing here.
  "integrator_callback.retry",
  "webhook_endpoint.create",
  "webhook_endpoint.disable",
  "webhook_delivery.resend",
] as const;
