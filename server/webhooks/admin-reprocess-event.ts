import "server-only";
import type { CurrentUser } from "@/server/auth/guards";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { assertAdmin } from "@/server/auth/guards";

/** Runs a stored event through the webhook handlers again (server/webhooks); idempotent there. */
export type EventProcessor = (eventId: string) => Promise<{ state: string; error?: string }>;

/**
 * Reprocesses a stored webhook event for an admin and records who did it. The processor is
 * a parameter so this module does not depend on the webhook module's internals (and tests
 * can pass a stand-in). The processor owns its transaction; the audit entry follows it and
 * records the outcome, including a failure (a thrown error is passed on after it is recorded).
 */
export async function reprocessEvent(admin: Pick<CurrentUser, "id" | "role">, eventId: string, processor: EventProcessor) {
  assertAdmin(admin);
  const event = await prisma.webhookEvent.findUnique({ where: { id: eventId }, select: { id: true, state: true, stripeEventId: true } });
  if (!event) throw new DomainError("not_found", "Webhook event not found");
  let outcome: { state: string; error?: string } | null = null;
  let failure: unknown = null;
  try {
    outcome = await processor(event.id);
  } catch (error) {
    failure = error;
  }
  await prisma.auditLog.create({
    data: {
      actorId: admin.id,
      action: "webhook_event.reprocess",
      targetType: "webhook_event",
      targetId: event.id,
      metadata: {
        stripeEventId: event.stripeEventId,
        from: event.state,
        to: outcome?.state ?? "error",
        ...(failure ? { error: failure instanceof Error ? failure.message.slice(0, 500) : "unknown error" } : {}),
        ...(outcome?.error ? { error: outcome.error.slice(0, 500) } : {}),
      },
    },
  });
  if (failure) throw failure;
  return outcome!;
}
