import "server-only";
import type { CurrentUser } from "@/server/auth/guards";
import { prisma } from "@/server/db/client";
import { callbackEndpoint } from "@/server/hosted-link/callback-endpoint";
import { deliverCallback, MAX_ATTEMPTS } from "@/server/hosted-link/deliver-callbacks";
import { shownCallbackError } from "@/server/hosted-link/post-callback";
import { DomainError } from "@/server/errors/domain-error";
import { assertAdmin } from "@/server/auth/guards";

export const CALLBACK_PAGE_SIZE = 50;

export type CallbackState = "delivered" | "given_up" | "retrying" | "pending";

export function callbackState(callback: { deliveredAt: Date | null; attempts: number }): CallbackState {
  if (callback.deliveredAt) return "delivered";
  if (callback.attempts >= MAX_ATTEMPTS) return "given_up";
  return callback.attempts > 0 ? "retrying" : "pending";
}

const LIST_SELECT = {
  id: true,
  linkSessionId: true,
  url: true,
  attempts: true,
  nextAttemptAt: true,
  deliveredAt: true,
  lastError: true,
  apiKey: { select: { name: true } },
} as const;

/**
 * The callbacks an admin should look at first: undelivered ones (given up, then retrying, by
 * next try), then the most recently delivered to fill the page.
 */
export async function listIntegratorCallbacks() {
  const [undelivered, givenUp] = await Promise.all([
    prisma.integratorCallback.findMany({
      where: { deliveredAt: null },
      orderBy: [{ attempts: "desc" }, { nextAttemptAt: "asc" }, { id: "asc" }],
      take: CALLBACK_PAGE_SIZE,
      select: LIST_SELECT,
    }),
    prisma.integratorCallback.count({ where: { deliveredAt: null, attempts: { gte: MAX_ATTEMPTS } } }),
  ]);
  const room = CALLBACK_PAGE_SIZE - undelivered.length;
  const delivered = room
    ? await prisma.integratorCallback.findMany({
        where: { deliveredAt: { not: null } },
        orderBy: [{ deliveredAt: "desc" }, { id: "desc" }],
        take: room,
        select: LIST_SELECT,
      })
    : [];
  return {
    givenUp,
    rows: [...undelivered, ...delivered].map(({ url, ...row }) => ({
      ...row,
      lastError: shownCallbackError(row.lastError),
      endpoint: callbackEndpoint(url),
      state: callbackState(row),
    })),
  };
}

/**
 * Sends an undelivered callback again now, for an admin, and reports how that went. A given-up
 * callback gets one more try (a failure gives it up again); the audit entry is written with
 * the reset. Receivers already have to accept a repeat (a send can succeed just before a crash
 * keeps it from being recorded), which also covers a retry racing a sweeper's try.
 */
export async function retryIntegratorCallback(admin: Pick<CurrentUser, "id" | "role">, id: string) {
  assertAdmin(admin);
  await prisma.$transaction(async (tx) => {
    const callback = await tx.integratorCallback.findUnique({
      where: { id },
      select: { deliveredAt: true, attempts: true, linkSessionId: true, lastError: true },
    });
    if (!callback) throw new DomainError("not_found", "Callback not found");
    if (callback.deliveredAt) throw new DomainError("conflict", "This callback was already delivered");
    await tx.integratorCallback.update({
      where: { id },
      // Due at once, whatever the database server's clock says against ours.
      data: { nextAttemptAt: new Date(0), attempts: Math.min(callback.attempts, MAX_ATTEMPTS - 1) },
    });
    await tx.auditLog.create({
      data: {
        actorId: admin.id,
        action: "integrator_callback.retry",
        targetType: "integrator_callback",
        targetId: id,
        metadata: { linkSessionId: callback.linkSessionId, attempts: callback.attempts, lastError: shownCallbackError(callback.lastError) },
      },
    });
  });
  await deliverCallback(id);
  const after = await prisma.integratorCallback.findUniqueOrThrow({ where: { id }, select: { deliveredAt: true, attempts: true, lastError: true } });
  return { id, state: callbackState(after), attempts: after.attempts, ...(after.lastError && !after.deliveredAt && { error: shownCallbackError(after.lastError) }) };
}
